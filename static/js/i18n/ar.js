
'use strict';
{
  const globals = this;
  const django = globals.django || (globals.django = {});

  
  django.pluralidx = function(n) {
    const v = n==0 ? 0 : n==1 ? 1 : n==2 ? 2 : n%100>=3 && n%100<=10 ? 3 : n%100>=11 && n%100<=99 ? 4 : 5;
    if (typeof v === 'boolean') {
      return v ? 1 : 0;
    } else {
      return v;
    }
  };
  

  /* gettext library */

  django.catalog = django.catalog || {};
  
  const newcatalog = {
    "%(count)s new post since your last visit.": [
      "\u0644\u0627 \u0645\u0646\u0634\u0648\u0631\u0627\u062a \u062c\u062f\u064a\u062f\u0629 \u0645\u0646\u0630 \u0632\u064a\u0627\u0631\u062a\u0643 \u0627\u0644\u0623\u062e\u064a\u0631\u0629.",
      "\u0645\u0646\u0634\u0648\u0631 \u062c\u062f\u064a\u062f \u0648\u0627\u062d\u062f \u0645\u0646\u0630 \u0632\u064a\u0627\u0631\u062a\u0643 \u0627\u0644\u0623\u062e\u064a\u0631\u0629.",
      "\u0645\u0646\u0634\u0648\u0631\u0627\u0646 \u062c\u062f\u064a\u062f\u0627\u0646 \u0645\u0646\u0630 \u0632\u064a\u0627\u0631\u062a\u0643 \u0627\u0644\u0623\u062e\u064a\u0631\u0629.",
      "%(count)s \u0645\u0646\u0634\u0648\u0631\u0627\u062a \u062c\u062f\u064a\u062f\u0629 \u0645\u0646\u0630 \u0632\u064a\u0627\u0631\u062a\u0643 \u0627\u0644\u0623\u062e\u064a\u0631\u0629.",
      "%(count)s \u0645\u0646\u0634\u0648\u0631\u064b\u0627 \u062c\u062f\u064a\u062f\u064b\u0627 \u0645\u0646\u0630 \u0632\u064a\u0627\u0631\u062a\u0643 \u0627\u0644\u0623\u062e\u064a\u0631\u0629.",
      "%(count)s \u0645\u0646\u0634\u0648\u0631 \u062c\u062f\u064a\u062f \u0645\u0646\u0630 \u0632\u064a\u0627\u0631\u062a\u0643 \u0627\u0644\u0623\u062e\u064a\u0631\u0629."
    ],
    "%(name)s \u00b7 %(size)s MB": "%(name)s \u00b7 \u200f%(size)s \u0645\u064a\u063a\u0627\u0628\u0627\u064a\u062a",
    "%(name)s: %(size)s MB is over the 20 MB limit.": "%(name)s: \u200f%(size)s \u0645\u064a\u063a\u0627\u0628\u0627\u064a\u062a \u064a\u062a\u062c\u0627\u0648\u0632 \u062d\u062f 20 \u0645\u064a\u063a\u0627\u0628\u0627\u064a\u062a.",
    "%(name)s: not a picture we publish (JPEG, PNG, WebP or GIF).": "%(name)s: \u0644\u064a\u0633\u062a \u0635\u0648\u0631\u0629 \u0646\u0646\u0634\u0631\u0647\u0627 (JPEG \u0623\u0648 PNG \u0623\u0648 WebP \u0623\u0648 GIF).",
    "%(names)s and %(last)s": "%(names)s \u0648%(last)s",
    "%(sel)s of %(cnt)s selected": [
      "\u0644\u0627 \u0634\u064a \u0645\u062d\u062f\u062f",
      "%(sel)s \u0645\u0646 %(cnt)s \u0645\u062d\u062f\u062f",
      "%(sel)s \u0645\u0646 %(cnt)s \u0645\u062d\u062f\u062f",
      "%(sel)s \u0645\u0646 %(cnt)s \u0645\u062d\u062f\u062f\u0629",
      "%(sel)s \u0645\u0646 %(cnt)s \u0645\u062d\u062f\u062f",
      "%(sel)s \u0645\u0646 %(cnt)s \u0645\u062d\u062f\u062f"
    ],
    "%(who)s is editing this post": [
      "%(who)s \u064a\u0639\u062f\u0651\u0644 \u0647\u0630\u0627 \u0627\u0644\u0645\u0646\u0634\u0648\u0631",
      "%(who)s \u064a\u0639\u062f\u0651\u0644 \u0647\u0630\u0627 \u0627\u0644\u0645\u0646\u0634\u0648\u0631",
      "%(who)s \u064a\u0639\u062f\u0651\u0644\u0627\u0646 \u0647\u0630\u0627 \u0627\u0644\u0645\u0646\u0634\u0648\u0631",
      "%(who)s \u064a\u0639\u062f\u0651\u0644\u0648\u0646 \u0647\u0630\u0627 \u0627\u0644\u0645\u0646\u0634\u0648\u0631",
      "%(who)s \u064a\u0639\u062f\u0651\u0644\u0648\u0646 \u0647\u0630\u0627 \u0627\u0644\u0645\u0646\u0634\u0648\u0631",
      "%(who)s \u064a\u0639\u062f\u0651\u0644\u0648\u0646 \u0647\u0630\u0627 \u0627\u0644\u0645\u0646\u0634\u0648\u0631"
    ],
    "%s selected option not visible": [
      "%s \u062e\u064a\u0627\u0631 \u0645\u062d\u062f\u062f \u063a\u064a\u0631 \u0638\u0627\u0647\u0631",
      "%s \u062e\u064a\u0627\u0631 \u0645\u062d\u062f\u062f \u063a\u064a\u0631 \u0638\u0627\u0647\u0631",
      "%s \u062e\u064a\u0627\u0631\u0627\u062a \u0645\u062d\u062f\u062f\u0629 \u063a\u064a\u0631 \u0638\u0627\u0647\u0631\u0629",
      "%s \u062e\u064a\u0627\u0631\u0627\u062a \u0645\u062d\u062f\u062f\u0629 \u063a\u064a\u0631 \u0638\u0627\u0647\u0631\u0629",
      "%s \u062e\u064a\u0627\u0631\u0627\u062a \u0645\u062d\u062f\u062f\u0629 \u063a\u064a\u0631 \u0638\u0627\u0647\u0631\u0629",
      "%s \u062e\u064a\u0627\u0631\u0627\u062a \u0645\u062d\u062f\u062f\u0629 \u063a\u064a\u0631 \u0638\u0627\u0647\u0631\u0629"
    ],
    "(click to clear)": "(\u0627\u0636\u063a\u0637 \u0644\u0644\u0625\u0632\u0627\u0644\u0629)",
    "(no preview)": "(\u0644\u0627 \u0645\u0639\u0627\u064a\u0646\u0629)",
    "6 a.m.": "6 \u0635.",
    "6 p.m.": "6 \u0645\u0633\u0627\u0621\u064b",
    "A pasted file": "\u0645\u0644\u0641 \u0645\u0644\u0635\u0642",
    "Alt text (describe it for readers who cannot see it)": "\u0627\u0644\u0646\u0635 \u0627\u0644\u0628\u062f\u064a\u0644 (\u0635\u0650\u0641\u0647\u0627 \u0644\u0644\u0642\u0631\u0651\u0627\u0621 \u0627\u0644\u0630\u064a\u0646 \u0644\u0627 \u064a\u0633\u062a\u0637\u064a\u0639\u0648\u0646 \u0631\u0624\u064a\u062a\u0647\u0627)",
    "April": "\u0623\u0628\u0631\u064a\u0644",
    "August": "\u0623\u063a\u0633\u0637\u0633",
    "Available %s": "%s \u0627\u0644\u0645\u062a\u0648\u0641\u0631\u0629",
    "Back online. You are up to date.": "\u0639\u0627\u062f \u0627\u0644\u0627\u062a\u0635\u0627\u0644. \u0623\u0646\u062a \u0645\u0637\u0651\u0644\u0639 \u0639\u0644\u0649 \u0622\u062e\u0631 \u0627\u0644\u0645\u0633\u062a\u062c\u062f\u0627\u062a.",
    "Cancel": "\u0623\u0644\u063a",
    "Caption": "\u0627\u0644\u062a\u0639\u0644\u064a\u0642",
    "Choose": "Choose",
    "Choose %s by selecting them and then select the \"Choose\" arrow button.": "\u0627\u062e\u062a\u0631 %s \u0628\u0648\u0627\u0633\u0637\u0629 \u062a\u062d\u062f\u064a\u062f\u0647\u0627 \u062b\u0645 \u0627\u0636\u063a\u0637 \u0639\u0644\u0649 \u0632\u0631 \u0627\u0644\u0633\u0647\u0645 \"\u0627\u062e\u062a\u064a\u0627\u0631\".",
    "Choose a Date": "\u0625\u062e\u062a\u0631 \u062a\u0627\u0631\u064a\u062e ",
    "Choose a Time": "\u0625\u062e\u062a\u0631 \u0648\u0642\u062a",
    "Choose a time": "\u0627\u062e\u062a\u0631 \u0648\u0642\u062a\u0627\u064b",
    "Choose all": "Choose all",
    "Choose all %s": "\u0627\u062e\u062a\u0631 \u062c\u0645\u064a\u0639 %s",
    "Choose selected %s": "\u0627\u062e\u062a\u0631 %s \u0627\u0644\u0645\u062d\u062f\u062f\u0629",
    "Chosen %s": "%s \u0627\u0644\u0645\u064f\u062e\u062a\u0627\u0631\u0629",
    "Click to choose all %s at once.": "Click to choose all %s at once.",
    "Click to remove all chosen %s at once.": "Click to remove all chosen %s at once.",
    "Close": "\u0623\u063a\u0644\u0642",
    "Connection lost. Reconnecting\u2026": "\u0627\u0646\u0642\u0637\u0639 \u0627\u0644\u0627\u062a\u0635\u0627\u0644. \u062c\u0627\u0631\u064d \u0625\u0639\u0627\u062f\u0629 \u0627\u0644\u0627\u062a\u0635\u0627\u0644\u2026",
    "Coverage has ended.": "\u0627\u0646\u062a\u0647\u062a \u0627\u0644\u062a\u063a\u0637\u064a\u0629.",
    "Coverage is live again.": "\u0639\u0627\u062f\u062a \u0627\u0644\u062a\u063a\u0637\u064a\u0629 \u0645\u0628\u0627\u0634\u0631\u0629.",
    "Coverage is paused.": "\u0627\u0644\u062a\u063a\u0637\u064a\u0629 \u0645\u062a\u0648\u0642\u0641\u0629 \u0645\u0624\u0642\u062a\u064b\u0627.",
    "December": "\u062f\u064a\u0633\u0645\u0628\u0631",
    "February": "\u0641\u0628\u0631\u0627\u064a\u0631",
    "Filter": "\u062a\u0635\u0641\u064a\u0629",
    "Friday": "\u0627\u0644\u062c\u0645\u0639\u0629",
    "Hide": "Hide",
    "January": "\u064a\u0646\u0627\u064a\u0631",
    "July": "\u064a\u0648\u0644\u064a\u0648",
    "Jump to where you left off": "\u0627\u0646\u062a\u0642\u0644 \u0625\u0644\u0649 \u062d\u064a\u062b \u062a\u0648\u0642\u0641\u062a",
    "June": "\u064a\u0648\u0646\u064a\u0648",
    "Just now": "\u0627\u0644\u0622\u0646",
    "Key event": "\u062d\u062f\u062b \u0628\u0627\u0631\u0632",
    "Link copied": "\u0646\u064f\u0633\u062e \u0627\u0644\u0631\u0627\u0628\u0637",
    "Link to (https://\u2026). Leave empty to remove the link.": "\u0631\u0627\u0628\u0637 \u0625\u0644\u0649 (https://\u2026). \u0627\u062a\u0631\u0643\u0647 \u0641\u0627\u0631\u063a\u064b\u0627 \u0644\u0625\u0632\u0627\u0644\u0629 \u0627\u0644\u0631\u0627\u0628\u0637.",
    "March": "\u0645\u0627\u0631\u0633",
    "May": "\u0645\u0627\u064a\u0648",
    "Midnight": "\u0645\u0646\u062a\u0635\u0641 \u0627\u0644\u0644\u064a\u0644",
    "Monday": "\u0627\u0644\u0627\u062b\u0646\u064a\u0646",
    "Move earlier": "\u0627\u0646\u0642\u0644 \u0644\u0644\u0623\u0645\u0627\u0645",
    "Move later": "\u0627\u0646\u0642\u0644 \u0644\u0644\u062e\u0644\u0641",
    "New post: %(title)s": "\u0645\u0646\u0634\u0648\u0631 \u062c\u062f\u064a\u062f: %(title)s",
    "Next picture": "\u0627\u0644\u0635\u0648\u0631\u0629 \u0627\u0644\u062a\u0627\u0644\u064a\u0629",
    "No connection: nothing was sent. Your text is kept; try again.": "\u0644\u0627 \u0627\u062a\u0635\u0627\u0644: \u0644\u0645 \u064a\u064f\u0631\u0633\u0644 \u0634\u064a\u0621. \u0646\u0635\u0643 \u0645\u062d\u0641\u0648\u0638\u061b \u062d\u0627\u0648\u0644 \u0645\u062c\u062f\u062f\u064b\u0627.",
    "Noon": "\u0627\u0644\u0638\u0647\u0631",
    "Note: You are %s hour ahead of server time.": [
      "\u0645\u0644\u0627\u062d\u0638\u0629: \u0623\u0646\u062a \u0645\u062a\u0642\u062f\u0645 \u0628\u0640 %s \u0633\u0627\u0639\u0629 \u0645\u0646 \u0648\u0642\u062a \u0627\u0644\u062e\u0627\u062f\u0645.",
      "\u0645\u0644\u0627\u062d\u0638\u0629: \u0623\u0646\u062a \u0645\u062a\u0642\u062f\u0645 \u0628\u0640 %s \u0633\u0627\u0639\u0629 \u0645\u0646 \u0648\u0642\u062a \u0627\u0644\u062e\u0627\u062f\u0645.",
      "\u0645\u0644\u0627\u062d\u0638\u0629: \u0623\u0646\u062a \u0645\u062a\u0642\u062f\u0645 \u0628\u0640 %s \u0633\u0627\u0639\u0629 \u0645\u0646 \u0648\u0642\u062a \u0627\u0644\u062e\u0627\u062f\u0645.",
      "\u0645\u0644\u0627\u062d\u0638\u0629: \u0623\u0646\u062a \u0645\u062a\u0642\u062f\u0645 \u0628\u0640 %s \u0633\u0627\u0639\u0629 \u0645\u0646 \u0648\u0642\u062a \u0627\u0644\u062e\u0627\u062f\u0645.",
      "\u0645\u0644\u0627\u062d\u0638\u0629: \u0623\u0646\u062a \u0645\u062a\u0642\u062f\u0645 \u0628\u0640 %s \u0633\u0627\u0639\u0629 \u0645\u0646 \u0648\u0642\u062a \u0627\u0644\u062e\u0627\u062f\u0645.",
      "\u0645\u0644\u0627\u062d\u0638\u0629: \u0623\u0646\u062a \u0645\u062a\u0642\u062f\u0645 \u0628\u0640 %s \u0633\u0627\u0639\u0629 \u0645\u0646 \u0648\u0642\u062a \u0627\u0644\u062e\u0627\u062f\u0645."
    ],
    "Note: You are %s hour behind server time.": [
      "\u0645\u0644\u0627\u062d\u0638\u0629: \u0623\u0646\u062a \u0645\u062a\u0623\u062e\u0631 \u0628\u0640 %s \u0633\u0627\u0639\u0629 \u0645\u0646 \u0648\u0642\u062a \u0627\u0644\u062e\u0627\u062f\u0645.",
      "\u0645\u0644\u0627\u062d\u0638\u0629: \u0623\u0646\u062a \u0645\u062a\u0623\u062e\u0631 \u0628\u0640 %s \u0633\u0627\u0639\u0629 \u0645\u0646 \u0648\u0642\u062a \u0627\u0644\u062e\u0627\u062f\u0645.",
      "\u0645\u0644\u0627\u062d\u0638\u0629: \u0623\u0646\u062a \u0645\u062a\u0623\u062e\u0631 \u0628\u0640 %s \u0633\u0627\u0639\u0629 \u0645\u0646 \u0648\u0642\u062a \u0627\u0644\u062e\u0627\u062f\u0645.",
      "\u0645\u0644\u0627\u062d\u0638\u0629: \u0623\u0646\u062a \u0645\u062a\u0623\u062e\u0631 \u0628\u0640 %s \u0633\u0627\u0639\u0629 \u0645\u0646 \u0648\u0642\u062a \u0627\u0644\u062e\u0627\u062f\u0645.",
      "\u0645\u0644\u0627\u062d\u0638\u0629: \u0623\u0646\u062a \u0645\u062a\u0623\u062e\u0631 \u0628\u0640 %s \u0633\u0627\u0639\u0629 \u0645\u0646 \u0648\u0642\u062a \u0627\u0644\u062e\u0627\u062f\u0645.",
      "\u0645\u0644\u0627\u062d\u0638\u0629: \u0623\u0646\u062a \u0645\u062a\u0623\u062e\u0631 \u0628\u0640 %s \u0633\u0627\u0639\u0629 \u0645\u0646 \u0648\u0642\u062a \u0627\u0644\u062e\u0627\u062f\u0645."
    ],
    "November": "\u0646\u0648\u0641\u0645\u0628\u0631",
    "Now": "\u0627\u0644\u0622\u0646",
    "October": "\u0623\u0643\u062a\u0648\u0628\u0631",
    "Pause live updates": "\u0623\u0648\u0642\u0641 \u0627\u0644\u062a\u062d\u062f\u064a\u062b\u0627\u062a \u0627\u0644\u0645\u0628\u0627\u0634\u0631\u0629 \u0645\u0624\u0642\u062a\u064b\u0627",
    "Photographer / credit": "\u0627\u0644\u0645\u0635\u0648\u0651\u0631 / \u0627\u0644\u0645\u0635\u062f\u0631",
    "Picture": "\u0635\u0648\u0631\u0629",
    "Picture %(number)s": "\u0627\u0644\u0635\u0648\u0631\u0629 %(number)s",
    "Pictures uploaded.": "\u0631\u064f\u0641\u0639\u062a \u0627\u0644\u0635\u0648\u0631.",
    "Previous picture": "\u0627\u0644\u0635\u0648\u0631\u0629 \u0627\u0644\u0633\u0627\u0628\u0642\u0629",
    "Remove": "\u0623\u0632\u0644",
    "Remove %s by selecting them and then select the \"Remove\" arrow button.": "\u0623\u0632\u0644 %s \u0628\u0648\u0627\u0633\u0637\u0629 \u062a\u062d\u062f\u064a\u062f\u0647\u0627 \u062b\u0645 \u0627\u0636\u063a\u0637 \u0639\u0644\u0649 \u0632\u0631 \u0627\u0644\u0633\u0647\u0645 \"\u0625\u0632\u0627\u0644\u0629\".",
    "Remove all": "Remove all",
    "Remove all %s": "\u0625\u0632\u0627\u0644\u0629 \u062c\u0645\u064a\u0639 %s",
    "Remove selected %s": "\u0625\u0632\u0627\u0644\u0629 %s \u0627\u0644\u0645\u062d\u062f\u062f\u0629",
    "Resume live updates": "\u0627\u0633\u062a\u0623\u0646\u0641 \u0627\u0644\u062a\u062d\u062f\u064a\u062b\u0627\u062a \u0627\u0644\u0645\u0628\u0627\u0634\u0631\u0629",
    "Resume live updates (%(count)s waiting)": [
      "\u0627\u0633\u062a\u0623\u0646\u0641 \u0627\u0644\u062a\u062d\u062f\u064a\u062b\u0627\u062a \u0627\u0644\u0645\u0628\u0627\u0634\u0631\u0629",
      "\u0627\u0633\u062a\u0623\u0646\u0641 \u0627\u0644\u062a\u062d\u062f\u064a\u062b\u0627\u062a \u0627\u0644\u0645\u0628\u0627\u0634\u0631\u0629 (\u062a\u062d\u062f\u064a\u062b \u0648\u0627\u062d\u062f \u0628\u0627\u0646\u062a\u0638\u0627\u0631\u0643)",
      "\u0627\u0633\u062a\u0623\u0646\u0641 \u0627\u0644\u062a\u062d\u062f\u064a\u062b\u0627\u062a \u0627\u0644\u0645\u0628\u0627\u0634\u0631\u0629 (\u062a\u062d\u062f\u064a\u062b\u0627\u0646 \u0628\u0627\u0646\u062a\u0638\u0627\u0631\u0643)",
      "\u0627\u0633\u062a\u0623\u0646\u0641 \u0627\u0644\u062a\u062d\u062f\u064a\u062b\u0627\u062a \u0627\u0644\u0645\u0628\u0627\u0634\u0631\u0629 (%(count)s \u062a\u062d\u062f\u064a\u062b\u0627\u062a \u0628\u0627\u0646\u062a\u0638\u0627\u0631\u0643)",
      "\u0627\u0633\u062a\u0623\u0646\u0641 \u0627\u0644\u062a\u062d\u062f\u064a\u062b\u0627\u062a \u0627\u0644\u0645\u0628\u0627\u0634\u0631\u0629 (%(count)s \u062a\u062d\u062f\u064a\u062b\u064b\u0627 \u0628\u0627\u0646\u062a\u0638\u0627\u0631\u0643)",
      "\u0627\u0633\u062a\u0623\u0646\u0641 \u0627\u0644\u062a\u062d\u062f\u064a\u062b\u0627\u062a \u0627\u0644\u0645\u0628\u0627\u0634\u0631\u0629 (%(count)s \u062a\u062d\u062f\u064a\u062b \u0628\u0627\u0646\u062a\u0638\u0627\u0631\u0643)"
    ],
    "Saturday": "\u0627\u0644\u0633\u0628\u062a",
    "September": "\u0633\u0628\u062a\u0645\u0628\u0631",
    "Share": "\u0634\u0627\u0631\u0643",
    "Show": "Show",
    "Show %(count)s new post": [
      "\u0644\u0627 \u0645\u0646\u0634\u0648\u0631\u0627\u062a \u062c\u062f\u064a\u062f\u0629",
      "\u0627\u0639\u0631\u0636 \u0645\u0646\u0634\u0648\u0631\u064b\u0627 \u062c\u062f\u064a\u062f\u064b\u0627",
      "\u0627\u0639\u0631\u0636 \u0645\u0646\u0634\u0648\u0631\u064a\u0646 \u062c\u062f\u064a\u062f\u064a\u0646",
      "\u0627\u0639\u0631\u0636 %(count)s \u0645\u0646\u0634\u0648\u0631\u0627\u062a \u062c\u062f\u064a\u062f\u0629",
      "\u0627\u0639\u0631\u0636 %(count)s \u0645\u0646\u0634\u0648\u0631\u064b\u0627 \u062c\u062f\u064a\u062f\u064b\u0627",
      "\u0627\u0639\u0631\u0636 %(count)s \u0645\u0646\u0634\u0648\u0631 \u062c\u062f\u064a\u062f"
    ],
    "Sunday": "\u0627\u0644\u0623\u062d\u062f",
    "That did not work, and nothing was saved. Try again.": "\u0644\u0645 \u064a\u0646\u062c\u062d \u0630\u0644\u0643 \u0648\u0644\u0645 \u064a\u064f\u062d\u0641\u0638 \u0634\u064a\u0621. \u062d\u0627\u0648\u0644 \u0645\u062c\u062f\u062f\u064b\u0627.",
    "This is the list of available %s. You may choose some by selecting them in the box below and then clicking the \"Choose\" arrow between the two boxes.": "This is the list of available %s. You may choose some by selecting them in the box below and then clicking the \"Choose\" arrow between the two boxes.",
    "This is the list of chosen %s. You may remove some by selecting them in the box below and then clicking the \"Remove\" arrow between the two boxes.": "This is the list of chosen %s. You may remove some by selecting them in the box below and then clicking the \"Remove\" arrow between the two boxes.",
    "Thursday": "\u0627\u0644\u062e\u0645\u064a\u0633",
    "Today": "\u0627\u0644\u064a\u0648\u0645",
    "Tomorrow": "\u063a\u062f\u0627\u064b",
    "Tuesday": "\u0627\u0644\u062b\u0644\u0627\u062b\u0627\u0621",
    "Type into this box to filter down the list of available %s.": "\u0627\u0643\u062a\u0628 \u0641\u064a \u0647\u0630\u0627 \u0627\u0644\u0635\u0646\u062f\u0648\u0642 \u0644\u062a\u0635\u0641\u064a\u0629 \u0642\u0627\u0626\u0645\u0629 %s \u0627\u0644\u0645\u062a\u0648\u0641\u0631\u0629.",
    "Type into this box to filter down the list of selected %s.": "\u0627\u0643\u062a\u0628 \u0641\u064a \u0647\u0630\u0627 \u0627\u0644\u0645\u0631\u0628\u0639 \u0644\u062a\u0635\u0641\u064a\u0629 \u0642\u0627\u0626\u0645\u0629 %s \u0627\u0644\u0645\u062d\u062f\u062f\u0629.",
    "Uploading pictures: %(percent)s%": "\u062c\u0627\u0631\u064d \u0631\u0641\u0639 \u0627\u0644\u0635\u0648\u0631: %(percent)s\u066a",
    "Wednesday": "\u0627\u0644\u0623\u0631\u0628\u0639\u0627\u0621",
    "Yesterday": "\u0623\u0645\u0633",
    "You have selected an action, and you haven't made any changes on individual fields. You're probably looking for the Go button rather than the Save button.": "You have selected an action, and you haven't made any changes on individual fields. You're probably looking for the Go button rather than the Save button.",
    "You have selected an action, and you haven\u2019t made any changes on individual fields. You\u2019re probably looking for the Go button rather than the Save button.": "\u0644\u0642\u062f \u062d\u062f\u062f\u062a \u0625\u062c\u0631\u0627\u0621 \u060c \u0648\u0644\u0645 \u062a\u0642\u0645 \u0628\u0625\u062c\u0631\u0627\u0621 \u0623\u064a \u062a\u063a\u064a\u064a\u0631\u0627\u062a \u0639\u0644\u0649 \u0627\u0644\u062d\u0642\u0648\u0644 \u0627\u0644\u0641\u0631\u062f\u064a\u0629. \u0645\u0646 \u0627\u0644\u0645\u062d\u062a\u0645\u0644 \u0623\u0646\u0643 \u062a\u0628\u062d\u062b \u0639\u0646 \u0627\u0644\u0632\u0631 \u0623\u0630\u0647\u0628 \u0628\u062f\u0644\u0627\u064b \u0645\u0646 \u0627\u0644\u0632\u0631 \u062d\u0641\u0638.",
    "You have selected an action, but you haven't saved your changes to individual fields yet. Please click OK to save. You'll need to re-run the action.": "You have selected an action, but you haven't saved your changes to individual fields yet. Please click OK to save. You'll need to re-run the action.",
    "You have selected an action, but you haven\u2019t saved your changes to individual fields yet. Please click OK to save. You\u2019ll need to re-run the action.": "\u0644\u0642\u062f \u062d\u062f\u062f\u062a \u0625\u062c\u0631\u0627\u0621\u064b \u060c \u0644\u0643\u0646\u0643 \u0644\u0645 \u062a\u062d\u0641\u0638 \u062a\u063a\u064a\u064a\u0631\u0627\u062a\u0643 \u0641\u064a \u0627\u0644\u062d\u0642\u0648\u0644 \u0627\u0644\u0641\u0631\u062f\u064a\u0629 \u062d\u062a\u0649 \u0627\u0644\u0622\u0646. \u064a\u0631\u062c\u0649 \u0627\u0644\u0646\u0642\u0631 \u0641\u0648\u0642 \u0645\u0648\u0627\u0641\u0642 \u0644\u0644\u062d\u0641\u0638. \u0633\u062a\u062d\u062a\u0627\u062c \u0625\u0644\u0649 \u0625\u0639\u0627\u062f\u0629 \u062a\u0634\u063a\u064a\u0644 \u0627\u0644\u0625\u062c\u0631\u0627\u0621.",
    "You have unsaved changes on individual editable fields. If you run an action, your unsaved changes will be lost.": "\u0644\u062f\u064a\u0643 \u062a\u0639\u062f\u064a\u0644\u0627\u062a \u063a\u064a\u0631 \u0645\u062d\u0641\u0648\u0638\u0629 \u0639\u0644\u0649 \u0628\u0639\u0636 \u0627\u0644\u062d\u0642\u0648\u0644 \u0627\u0644\u0642\u0627\u0628\u0644\u0629 \u0644\u0644\u062a\u0639\u062f\u064a\u0644. \u0625\u0646 \u0646\u0641\u0630\u062a \u0623\u064a \u0625\u062c\u0631\u0627\u0621 \u0641\u0633\u0648\u0641 \u062a\u062e\u0633\u0631 \u062a\u0639\u062f\u064a\u0644\u0627\u062a\u0643.",
    "abbrev. day Friday\u0004Fri": "\u0627\u0644\u062c\u0645\u0639\u0629",
    "abbrev. day Monday\u0004Mon": "\u0627\u0644\u0627\u062b\u0646\u064a\u0646",
    "abbrev. day Saturday\u0004Sat": "\u0627\u0644\u0633\u0628\u062a",
    "abbrev. day Sunday\u0004Sun": "\u0627\u0644\u0623\u062d\u062f",
    "abbrev. day Thursday\u0004Thur": "\u0627\u0644\u062e\u0645\u064a\u0633",
    "abbrev. day Tuesday\u0004Tue": "\u0627\u0644\u062b\u0644\u0627\u062b\u0627\u0621",
    "abbrev. day Wednesday\u0004Wed": "\u0627\u0644\u0623\u0631\u0628\u0639\u0627\u0621",
    "abbrev. month April\u0004Apr": "\u0625\u0628\u0631\u064a\u0644",
    "abbrev. month August\u0004Aug": "\u0623\u063a\u0633\u0637\u0633",
    "abbrev. month December\u0004Dec": "\u062f\u064a\u0633\u0645\u0628\u0631",
    "abbrev. month February\u0004Feb": "\u0641\u0628\u0631\u0627\u064a\u0631",
    "abbrev. month January\u0004Jan": "\u064a\u0646\u0627\u064a\u0631",
    "abbrev. month July\u0004Jul": "\u064a\u0648\u0644\u064a\u0648",
    "abbrev. month June\u0004Jun": "\u064a\u0648\u0646\u064a\u0648",
    "abbrev. month March\u0004Mar": "\u0645\u0627\u0631\u0633",
    "abbrev. month May\u0004May": "\u0645\u0627\u064a\u0648",
    "abbrev. month November\u0004Nov": "\u0646\u0648\u0641\u0645\u0628\u0631",
    "abbrev. month October\u0004Oct": "\u0623\u0643\u062a\u0648\u0628\u0631",
    "abbrev. month September\u0004Sep": "\u0633\u0628\u062a\u0645\u0628\u0631",
    "kept with your draft": "\u0645\u062d\u0641\u0648\u0638\u0629 \u0645\u0639 \u0645\u0633\u0648\u062f\u062a\u0643",
    "not kept: it stays only while this page is open": "\u063a\u064a\u0631 \u0645\u062d\u0641\u0648\u0638\u0629: \u062a\u0628\u0642\u0649 \u0641\u0642\u0637 \u0645\u0627 \u062f\u0627\u0645\u062a \u0647\u0630\u0647 \u0627\u0644\u0635\u0641\u062d\u0629 \u0645\u0641\u062a\u0648\u062d\u0629",
    "one letter Friday\u0004F": "\u062c\u0645\u0639\u0629",
    "one letter Monday\u0004M": "\u0625\u062b\u0646\u064a\u0646",
    "one letter Saturday\u0004S": "\u0633\u0628\u062a",
    "one letter Sunday\u0004S": "\u0623\u062d\u062f",
    "one letter Thursday\u0004T": "\u062e\u0645\u064a\u0633",
    "one letter Tuesday\u0004T": "\u062b\u0644\u0627\u062b\u0627\u0621",
    "one letter Wednesday\u0004W": "\u0623\u0631\u0628\u0639\u0627\u0621",
    "pasted picture": "\u0635\u0648\u0631\u0629 \u0645\u0644\u0635\u0642\u0629",
    "update": "\u062a\u062d\u062f\u064a\u062b"
  };
  for (const key in newcatalog) {
    django.catalog[key] = newcatalog[key];
  }
  

  if (!django.jsi18n_initialized) {
    django.gettext = function(msgid) {
      const value = django.catalog[msgid];
      if (typeof value === 'undefined') {
        return msgid;
      } else {
        return (typeof value === 'string') ? value : value[0];
      }
    };

    django.ngettext = function(singular, plural, count) {
      const value = django.catalog[singular];
      if (typeof value === 'undefined') {
        return (count == 1) ? singular : plural;
      } else {
        return value.constructor === Array ? value[django.pluralidx(count)] : value;
      }
    };

    django.gettext_noop = function(msgid) { return msgid; };

    django.pgettext = function(context, msgid) {
      let value = django.gettext(context + '\x04' + msgid);
      if (value.includes('\x04')) {
        value = msgid;
      }
      return value;
    };

    django.npgettext = function(context, singular, plural, count) {
      let value = django.ngettext(context + '\x04' + singular, context + '\x04' + plural, count);
      if (value.includes('\x04')) {
        value = django.ngettext(singular, plural, count);
      }
      return value;
    };

    django.interpolate = function(fmt, obj, named) {
      if (named) {
        return fmt.replace(/%\(\w+\)s/g, function(match){return String(obj[match.slice(2,-2)])});
      } else {
        return fmt.replace(/%s/g, function(match){return String(obj.shift())});
      }
    };


    /* formatting library */

    django.formats = {
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
    "DATE_FORMAT": "j F\u060c Y",
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
    "SHORT_DATE_FORMAT": "d\u200f/m\u200f/Y",
    "THOUSAND_SEPARATOR": ".",
    "TIME_FORMAT": "g:i A",
    "TIME_INPUT_FORMATS": [
      "%H:%M:%S",
      "%H:%M:%S.%f",
      "%H:%M"
    ],
    "YEAR_MONTH_FORMAT": "F Y"
  };

    django.get_format = function(format_type) {
      const value = django.formats[format_type];
      if (typeof value === 'undefined') {
        return format_type;
      } else {
        return value;
      }
    };

    /* add to global namespace */
    globals.pluralidx = django.pluralidx;
    globals.gettext = django.gettext;
    globals.ngettext = django.ngettext;
    globals.gettext_noop = django.gettext_noop;
    globals.pgettext = django.pgettext;
    globals.npgettext = django.npgettext;
    globals.interpolate = django.interpolate;
    globals.get_format = django.get_format;

    django.jsi18n_initialized = true;
  }
};

