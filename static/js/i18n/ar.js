// The ar words, plural rule and formats of the scripts, read by runtime.js beside this file.
// Made by `manage.py script_catalogues` from locale/ar/LC_MESSAGES/djangojs.po: do not edit.
"use strict";
(globalThis.django || (globalThis.django = {})).locale = {
  language: "ar",
  pluralidx: (n) => Number(n==0 ? 0 : n==1 ? 1 : n==2 ? 2 : n%100>=3 && n%100<=10 ? 3 : n%100>=11 && n%100<=99 ? 4 : 5),
  catalog: {
    "%(count)s new post since your last visit.": [
      "لا منشورات جديدة منذ زيارتك الأخيرة.",
      "منشور جديد واحد منذ زيارتك الأخيرة.",
      "منشوران جديدان منذ زيارتك الأخيرة.",
      "%(count)s منشورات جديدة منذ زيارتك الأخيرة.",
      "%(count)s منشورًا جديدًا منذ زيارتك الأخيرة.",
      "%(count)s منشور جديد منذ زيارتك الأخيرة."
    ],
    "Back online. You are up to date.": "عاد الاتصال. أنت مطّلع على آخر المستجدات.",
    "Close": "أغلق",
    "Connection lost. Reconnecting…": "انقطع الاتصال. جارٍ إعادة الاتصال…",
    "Coverage has ended.": "انتهت التغطية.",
    "Coverage is live again.": "عادت التغطية مباشرة.",
    "Coverage is paused.": "التغطية متوقفة مؤقتًا.",
    "Jump to where you left off": "انتقل إلى حيث توقفت",
    "Just now": "الآن",
    "Key event": "حدث بارز",
    "Link copied": "نُسخ الرابط",
    "New post: %(title)s": "منشور جديد: %(title)s",
    "Next picture": "الصورة التالية",
    "Pause live updates": "أوقف التحديثات المباشرة مؤقتًا",
    "Picture": "صورة",
    "Previous picture": "الصورة السابقة",
    "Resume live updates": "استأنف التحديثات المباشرة",
    "Resume live updates (%(count)s waiting)": [
      "استأنف التحديثات المباشرة",
      "استأنف التحديثات المباشرة (تحديث واحد بانتظارك)",
      "استأنف التحديثات المباشرة (تحديثان بانتظارك)",
      "استأنف التحديثات المباشرة (%(count)s تحديثات بانتظارك)",
      "استأنف التحديثات المباشرة (%(count)s تحديثًا بانتظارك)",
      "استأنف التحديثات المباشرة (%(count)s تحديث بانتظارك)"
    ],
    "Share": "شارك",
    "Show %(count)s new post": [
      "لا منشورات جديدة",
      "اعرض منشورًا جديدًا",
      "اعرض منشورين جديدين",
      "اعرض %(count)s منشورات جديدة",
      "اعرض %(count)s منشورًا جديدًا",
      "اعرض %(count)s منشور جديد"
    ],
    "update": "تحديث"
  },
  formats: {
    "DATETIME_FORMAT": "N j, Y, P",
    "DATETIME_INPUT_FORMATS": [
      "%Y-%m-%d %H:%M:%S",
      "%Y-%m-%d %H:%M:%S.%f",
      "%Y-%m-%d %H:%M",
      "%m/%d/%Y %H:%M:%S",
      "%m/%d/%Y %H:%M:%S.%f",
      "%m/%d/%Y %H:%M",
      "%m/%d/%y %H:%M:%S",
      "%m/%d/%y %H:%M:%S.%f",
      "%m/%d/%y %H:%M"
    ],
    "DATE_FORMAT": "j F، Y",
    "DATE_INPUT_FORMATS": [
      "%Y-%m-%d",
      "%m/%d/%Y",
      "%m/%d/%y",
      "%b %d %Y",
      "%b %d, %Y",
      "%d %b %Y",
      "%d %b, %Y",
      "%B %d %Y",
      "%B %d, %Y",
      "%d %B %Y",
      "%d %B, %Y"
    ],
    "DECIMAL_SEPARATOR": ",",
    "FIRST_DAY_OF_WEEK": 0,
    "MONTH_DAY_FORMAT": "j F",
    "NUMBER_GROUPING": 0,
    "SHORT_DATETIME_FORMAT": "m/d/Y P",
    "SHORT_DATE_FORMAT": "d‏/m‏/Y",
    "THOUSAND_SEPARATOR": ".",
    "TIME_FORMAT": "g:i A",
    "TIME_INPUT_FORMATS": [
      "%H:%M:%S",
      "%H:%M:%S.%f",
      "%H:%M"
    ],
    "YEAR_MONTH_FORMAT": "F Y"
  },
};
