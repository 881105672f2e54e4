// Our scripts, one part per component; joined into site.js by hooks/assets.py.

// The reader's country: the one chosen in a helpline box (kept in this
// browser's localStorage under "nyf-country"), else the edition's default
// country (<html data-nyf-country>, editions/<name>.yml), else "". Shared by
// the helpline boxes (40-get-help.js) and the country blocks (country.js).
window.nyfCountry = function () {
  var code = "";
  try {
    code = window.localStorage.getItem("nyf-country") || "";
  } catch (error) {
    // Storage disabled: no remembered choice.
  }
  if (!/^[A-Z]{2}$/.test(code)) code = "";
  return code || document.documentElement.getAttribute("data-nyf-country") || "";
};
