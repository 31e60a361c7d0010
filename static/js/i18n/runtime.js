// The scripts' translation functions, once for every language: Django's JavaScriptCatalog API
// (gettext, ngettext, pgettext, npgettext, gettext_noop, interpolate, pluralidx, get_format) over
// the words, plural rule and formats of one language, which static/js/i18n/<language>.js (made by
// `manage.py script_catalogues`) puts in `django.locale`. Loaded as a static file before the
// scripts that use it: the pages run no inline script (docs/languages.md). Without a language file
// every function answers in English, the source language.
"use strict";
(() => {
  const globals = globalThis;
  const django = globals.django || (globals.django = {});
  if (django.jsi18n_initialized) return;
  // Read at each call, so the language file may load before or after this one.
  const locale = () => django.locale || {};
  const catalog = () => locale().catalog || {};

  django.pluralidx = (count) => {
    const rule = locale().pluralidx;
    return rule ? Number(rule(count)) : count == 1 ? 0 : 1;
  };

  django.gettext = (msgid) => {
    const value = catalog()[msgid];
    if (value === undefined) return msgid;
    return typeof value === "string" ? value : value[0];
  };

  django.ngettext = (singular, plural, count) => {
    const value = catalog()[singular];
    if (value === undefined) return count == 1 ? singular : plural;
    return Array.isArray(value) ? value[django.pluralidx(count)] ?? value[value.length - 1] : value;
  };

  django.gettext_noop = (msgid) => msgid;

  django.pgettext = (context, msgid) => {
    const value = django.gettext(`${context}\x04${msgid}`);
    return value.includes("\x04") ? msgid : value;
  };

  django.npgettext = (context, singular, plural, count) => {
    const value = django.ngettext(`${context}\x04${singular}`, `${context}\x04${plural}`, count);
    return value.includes("\x04") ? django.ngettext(singular, plural, count) : value;
  };

  django.interpolate = (format, values, named) =>
    named
      ? format.replace(/%\(\w+\)s/g, (match) => String(values[match.slice(2, -2)]))
      : format.replace(/%s/g, () => String(values.shift()));

  django.get_format = (formatType) => {
    const value = (locale().formats || {})[formatType];
    return value === undefined ? formatType : value;
  };

  // As Django's catalogue does, for scripts written against it.
  for (const name of ["pluralidx", "gettext", "ngettext", "gettext_noop", "pgettext", "npgettext", "interpolate", "get_format"]) {
    globals[name] = django[name];
  }
  django.jsi18n_initialized = true;
})();
