// The search worker: Material's own worker (lunr.js), with matching that fits
// the reader's language. 12-deferred-requests.js starts this file instead of
// Material's worker and names Material's worker in the hash:
//   new Worker("…/workers/nyf-search.js#" + encodeURIComponent(materialWorkerUrl))
// It lives next to Material's worker so that Material's "../lunr" path to the
// stemmers still resolves. Each language has its own index (written by
// overrides/hooks/search.py); its config.lang names the lunr.js language whose
// stemmer and stop words apply, or is empty where lunr.js has none.
//
// How a word is matched (the same for the index and for the query):
//  - split at spaces and punctuation (the index's separator), lower case,
//    trimmed of non-letters at both ends (lunr's own trimmer strips every
//    letter outside a-z, which is what broke Ukrainian search);
//  - diacritics folded after stemming ("důkazů" = "dukazu"), so a query
//    typed without them finds the word;
//  - with a stemmer: the index holds each word and its stem, and a query
//    word matches by the prefix of its stem ("Beweise" -> "beweis*");
//  - without one: a query word matches by its first ~70 % ("důkazy" ->
//    "dukaz*", "nahlásit" -> "nahlas*"), so inflected forms match too;
//  - digit groups are joined: "116 111" and "116111" are one term.
// A reader who types a stop word only (the, der, le) gets no result.
(function () {
  "use strict";

  var SETUP = 0;
  var QUERY = 2;
  // Keep this share of a word's letters when there is no stemmer, and at least
  // MIN_PREFIX letters: shorter words are matched as typed (plus any ending).
  var PREFIX_SHARE = 0.7;
  var MIN_PREFIX = 4;
  // Digit groups that together have at least this many digits are one number
  // (a phone number); shorter ones ("9-12", "2 3") stay apart. Must match
  // MIN_JOINED_DIGITS in scripts/nyf/search_index.py.
  var MIN_JOINED_DIGITS = 5;
  var DIGIT_GROUPS = /\+?\d+(?:[\s.\-\/()]+\d+)+/g;
  var EDGES = /^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu;
  var MARKS = /([\p{Script=Latin}\p{Script=Greek}\p{Script=Cyrillic}])\p{Mn}+/gu;
  var LETTERS = { "ł": "l", "ø": "o", "đ": "d", "ħ": "h", "ı": "i", "ß": "ss", "æ": "ae", "œ": "oe" };
  var UNFOLDED = /[łøđħıßæœ]/g;

  var target = new URL(decodeURIComponent(location.hash.slice(1)), location.href);
  if (target.origin !== location.origin) throw new Error("nyf-search: not this site's worker");

  var language = null;     // the index's lunr.js language, from its config
  var searchPipeline = null;

  function joinDigits(text) {
    return text.replace(DIGIT_GROUPS, function (found) {
      var digits = found.replace(/\D/g, "");
      return digits.length >= MIN_JOINED_DIGITS ? digits : found;
    });
  }

  function fold(word) {
    return word.normalize("NFD").replace(MARKS, "$1").normalize("NFC")
      .replace(UNFOLDED, function (letter) { return LETTERS[letter]; });
  }

  function prefixOf(word) {
    var letters = Array.from(word);
    if (letters.length <= MIN_PREFIX) return word;
    return letters.slice(0, Math.max(MIN_PREFIX, Math.ceil(letters.length * PREFIX_SHARE))).join("");
  }

  // What lunr.js offers for the index's language (null where it has none).
  function lunrPart(name) {
    if (!language) return null;
    if (language === "en") return self.lunr[name];
    return self.lunr[language] ? self.lunr[language][name] : null;
  }

  function trimmer(token) {
    var word = token.toString().replace(EDGES, "");
    return word ? token.update(function () { return word; }) : undefined;
  }

  function stemmed(token) {
    var stemmer = lunrPart("stemmer");
    return stemmer ? fold(stemmer(token.clone()).toString()) : null;
  }

  // In the index: the word and, when it differs, its stem.
  function indexForms(token) {
    var word = fold(token.toString());
    var stem = stemmed(token);
    var forms = [token.clone(function () { return word; })];
    if (stem && stem !== word) forms.push(token.clone(function () { return stem; }));
    return forms;
  }

  // In a query: the stem, or the word where there is no stemmer.
  function queryForm(token) {
    var stem = stemmed(token);
    return token.clone(function () { return stem || fold(token.toString()); });
  }

  function stopWords(token) {
    var filter = lunrPart("stopWordFilter");
    return filter ? filter(token) : token;
  }

  // Material's message handler, given the query with its digits joined and
  // knowing the index's language before it builds the index.
  var addEventListener = self.addEventListener;
  self.addEventListener = function (type, listener, options) {
    if (type === "message") {
      var material = listener;
      listener = function (event) {
        var message = event.data;
        if (message && message.type === SETUP) {
          language = (message.data.config.lang || [])[0] || null;
        } else if (message && message.type === QUERY && typeof message.data === "string") {
          message = { type: QUERY, data: joinDigits(message.data) };
        }
        return material({ data: message });
      };
    }
    return addEventListener.call(self, type, listener, options);
  };
  importScripts(target.href);
  self.addEventListener = addEventListener;

  var lunr = self.lunr;
  [[trimmer, "nyf-trimmer"], [stopWords, "nyf-stop-words"], [indexForms, "nyf-index-forms"],
    [queryForm, "nyf-query-form"]].forEach(function (pair) {
    lunr.Pipeline.registerFunction(pair[0], pair[1]);
  });

  // Material sets up the language, the tokenizer and the fields, then names
  // the reference field: our pipelines replace the language's there.
  var ref = lunr.Builder.prototype.ref;
  lunr.Builder.prototype.ref = function (name) {
    this.pipeline.reset();
    this.pipeline.add(trimmer, stopWords, indexForms);
    this.searchPipeline.reset();
    this.searchPipeline.add(trimmer, stopWords, queryForm);
    searchPipeline = this.searchPipeline;
    return ref.call(this, name);
  };

  // A word and its stem share a place in the text: when a query matches both,
  // report the place once, or Material marks it twice (broken markup).
  var query = lunr.Index.prototype.query;
  lunr.Index.prototype.query = function (fn) {
    var results = query.call(this, fn);
    results.forEach(function (result) {
      var seen = {};
      var metadata = result.matchData.metadata;
      Object.keys(metadata).forEach(function (term) {
        Object.keys(metadata[term]).forEach(function (name) {
          var found = metadata[term][name];
          var places = seen[name] = seen[name] || {};
          if (!found.position) return;
          found.position = found.position.filter(function (place) {
            var key = String(place);
            if (places[key]) return false;
            places[key] = true;
            return true;
          });
        });
      });
    });
    return results;
  };

  // Material gives every query word a trailing wildcard, and lunr.js skips the
  // pipeline for such words: run it here, then match by prefix. A stop word
  // alone is dropped; a one-letter word is matched whole.
  var clause = lunr.Query.prototype.clause;
  lunr.Query.prototype.clause = function (options) {
    var term = options.term;
    if (searchPipeline && options.usePipeline === false && typeof term === "string" &&
        term.indexOf("*") === term.length - 1 && term.length > 1) {
      var forms = searchPipeline.runString(term.slice(0, -1));
      if (!forms.length) return this;
      var form = forms[0];
      if (Array.from(form).length < 2) {
        options.term = form;
      } else {
        options.term = (lunrPart("stemmer") ? form : prefixOf(form)) + "*";
      }
    }
    return clause.call(this, options);
  };
})();
