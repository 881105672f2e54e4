// Our scripts, one part per component; joined into site.js by hooks/assets.py.
