from __future__ import annotations

import json
import re
from datetime import UTC, timedelta

import pytest
from django.utils import timezone, translation

from coverage_app import services
from coverage_app.models import Change, Event, Profile
from tests.factories import composer_post, make_event

pytestmark = pytest.mark.django_db

ARABIC_DECEMBER = "ديسمبر"


def publish_days_ago(event, author, days=3):
    # A post from another day shows its date ("j M"), whose month name is the language's.
    when = timezone.now() - timedelta(days=days)
    return services.post_publish(event=event, author=author, title="Update", body="Text.", published_at=when)


def month_of(post, language):
    with translation.override(language), timezone.override(post.event.tz):
        from django.utils.dateformat import format as date_format

        return date_format(timezone.localtime(post.published_at), "M")


def date_format_in(language, moment, format_string):
    from django.utils.dateformat import format as date_format

    with translation.override(language):
        return date_format(moment, format_string)


def test_a_frame_stored_for_an_event_is_in_its_language_whoever_publishes(journalist):
    spanish = make_event(language="es", time_zone="Europe/Madrid")
    arabic = make_event(language="ar", time_zone="Asia/Beirut")
    # The publisher's own newsroom speaks German: the frames must not.
    with translation.override("de"):
        es_post = publish_days_ago(spanish, journalist)
        ar_post = publish_days_ago(arabic, journalist)
    es_frame = json.loads(Change.objects.get(event=spanish, seq=es_post.seq).frame)["html"]
    ar_frame = json.loads(Change.objects.get(event=arabic, seq=ar_post.seq).frame)["html"]
    assert month_of(es_post, "es") in es_frame
    assert month_of(ar_post, "ar") in ar_frame
    assert month_of(ar_post, "ar") not in es_frame
    assert month_of(es_post, "es") not in ar_frame


def test_the_changes_api_serves_each_event_its_own_languages_frames(client, journalist):
    spanish = make_event(language="es")
    arabic = make_event(language="ar")
    publish_days_ago(spanish, journalist)
    ar_post = publish_days_ago(arabic, journalist)
    # A reader whose browser asks for Spanish still gets the Arabic event's frames in Arabic.
    body = client.get(f"/api/live/{arabic.slug}/changes?since=0", HTTP_ACCEPT_LANGUAGE="es").json()
    html = "".join(frame.get("html", "") for frame in body["frames"])
    assert month_of(ar_post, "ar") in html
    assert month_of(ar_post, "es") not in html


def test_the_reader_page_speaks_the_events_language_and_direction(client):
    arabic = make_event(language="ar")
    english = make_event(language="en")
    page = client.get(arabic.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="de").content.decode()
    assert '<html lang="ar" dir="rtl">' in page
    assert '"inLanguage": "ar"' in page or '"inLanguage":"ar"' in page
    page = client.get(english.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="ar").content.decode()
    assert '<html lang="en" dir="ltr">' in page


def test_the_reader_page_is_the_same_bytes_whatever_the_browsers_language(client):
    spanish = make_event(language="es")
    first = client.get(spanish.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="ar").content
    from django.core.cache import cache

    cache.clear()
    assert client.get(spanish.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="de").content == first


def test_the_feed_declares_the_events_language(client):
    french = make_event(language="fr")
    feed = client.get(f"/live/{french.slug}/feed/").content.decode()
    assert 'xml:lang="fr"' in feed


def test_an_unknown_language_is_refused_and_creates_nothing():
    with pytest.raises(services.CoverageError):
        make_event(slug="klingon", language="tlh")
    from coverage_app.models import Event

    assert not Event.objects.filter(slug="klingon").exists()


def test_the_newsroom_follows_the_browser_then_the_users_own_choice(client, editor):
    client.force_login(editor)
    assert '<html lang="fr" dir="ltr">' in client.get("/newsroom/", HTTP_ACCEPT_LANGUAGE="fr").content.decode()
    Profile.objects.update_or_create(user=editor, defaults={"language": "ar"})
    page = client.get("/newsroom/", HTTP_ACCEPT_LANGUAGE="fr").content.decode()
    assert '<html lang="ar" dir="rtl">' in page


def test_an_editor_sets_the_events_language_when_starting_coverage(client, editor):
    client.force_login(editor)
    response = client.post(
        "/newsroom/events/new/",
        {"title": "Elecciones", "slug": "elecciones", "time_zone": "Europe/Madrid", "language": "es"},
    )
    assert response.status_code == 302
    from coverage_app.models import Event

    assert Event.objects.get(slug="elecciones").language == "es"


def test_a_language_the_form_does_not_offer_is_a_422(client, editor):
    client.force_login(editor)
    response = client.post(
        "/newsroom/events/new/", {"title": "X", "slug": "x-lang", "time_zone": "Europe/London", "language": "xx"}
    )
    assert response.status_code == 422
    from coverage_app.models import Event

    assert not Event.objects.filter(slug="x-lang").exists()


def test_the_desk_speaks_the_users_language_with_arabic_plurals(client, editor, journalist):
    event = make_event(language="es")
    for title in ("Uno", "Dos"):
        services.post_save_unpublished(event=event, author=journalist, state="draft", title=title, body="Texto.")
    from coverage_app.models import Post

    Post.objects.filter(event=event).update(state=Post.State.SUBMITTED)
    Profile.objects.update_or_create(user=editor, defaults={"language": "ar"})
    client.force_login(editor)
    page = client.get(f"/newsroom/events/{event.slug}/").content.decode()
    assert "منشور جديد" in page  # "New post"
    assert "منشوران لم يُنشرا بعد" in page  # Arabic's dual: "two posts not yet published"
    # The pause message's default is what readers will read: the event's language, not the editor's.
    assert "Pausamos nuestra cobertura por ahora." in page


def visible_words(html):
    import re

    html = re.sub(r"<(script|style)\b.*?</\1>", " ", html, flags=re.S)
    text = re.sub(r"<[^>]+>", " ", html)
    attributes = re.findall(r'(?:aria-label|title|alt)="([^"]*)"', html)
    return re.findall(r"[A-Za-z]{2,}", " ".join([text, *attributes]))


def test_the_arabic_reader_page_has_no_english_word_of_its_own(client, journalist, editor):
    event = make_event(language="ar", time_zone="Asia/Beirut", title="انتخابات لبنان", standfirst="النتائج أولًا بأول")
    services.post_publish(
        event=event, author=journalist, title="فرز الأصوات", body="<p>بدأ فرز الأصوات.</p>", is_key_event=True
    )
    services.coverage_pause(event=event, by=editor, message="")
    html = client.get(event.get_absolute_url()).content.decode()
    names = set(journalist.get_full_name().split()) | set(editor.get_full_name().split())  # bylines: theirs
    site_and_zone = {"The", "Ledger", "EET", "EEST"} | names
    assert set(visible_words(html)) <= site_and_zone, set(visible_words(html)) - site_and_zone
    assert "التغطية متوقفة مؤقتًا." in html  # "Coverage is paused."
    # The script's words, from a file (content-hashed where static files are collected).
    assert re.search(r"static/js/i18n/ar(\.[0-9a-f]{12})?\.js", html)


def test_a_post_frame_for_an_arabic_event_carries_arabic_words(journalist):
    event = make_event(language="ar")
    with translation.override("en"):
        post = services.post_publish(event=event, author=journalist, title="عنوان", body="نص", is_key_event=True)
    frame = json.loads(Change.objects.get(event=event, seq=post.seq).frame)["html"]
    assert "حدث بارز" in frame  # "Key event"
    assert "Key event" not in frame


def test_the_stylesheets_use_logical_sides_so_right_to_left_pages_mirror():
    import re
    from pathlib import Path

    from django.conf import settings

    physical = re.compile(r"\b(?:margin|padding|border)-(?:left|right)\b|(?<![-\w])(?:left|right)\s*:(?!\s*50%)")
    # A four-value shorthand with different left and right sides does not mirror either.
    shorthand = re.compile(
        r"(?<![-\w])(?:margin|padding)\s*:\s*([^\s;:}]+) +([^\s;:}]+) +([^\s;:}]+) +([^\s;:}]+)\s*[;}]"
    )
    for sheet in (Path(settings.BASE_DIR) / "static" / "css").glob("*.css"):
        found = [line for line in sheet.read_text().splitlines() if physical.search(line)]
        found += [
            line for line in sheet.read_text().splitlines() for sides in shorthand.findall(line) if sides[1] != sides[3]
        ]
        assert not found, f"{sheet.name}: {found}"


def test_the_composer_writes_right_to_left_for_an_arabic_event(client, editor):
    event = make_event(language="ar")
    client.force_login(editor)
    page = client.get(f"/newsroom/events/{event.slug}/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert 'data-writes="rtl"' in page
    assert '<html lang="en" dir="ltr">' in page  # the desk's own words stay in the journalist's language


@pytest.mark.parametrize(
    ("zone", "before", "after", "shown"),
    [
        # The last Sunday of October 2026: London's clocks go back at 01:00 UTC (02:00 BST → 01:00 GMT).
        ("Europe/London", "2026-10-25T00:30:00+00:00", "2026-10-25T01:30:00+00:00", ("01:30 BST", "01:30 GMT")),
        # The first Sunday of November 2026: New York's go back at 06:00 UTC (02:00 EDT → 01:00 EST).
        ("America/New_York", "2026-11-01T05:30:00+00:00", "2026-11-01T06:30:00+00:00", ("01:30 EDT", "01:30 EST")),
    ],
)
def test_clock_times_are_right_on_each_side_of_a_clock_change(client, journalist, zone, before, after, shown):
    from datetime import datetime

    event = make_event(time_zone=zone, language="en")
    first = services.post_publish(
        event=event, author=journalist, title="Before", body="x", published_at=datetime.fromisoformat(before)
    )
    second = services.post_publish(
        event=event, author=journalist, title="After", body="x", published_at=datetime.fromisoformat(after)
    )
    html = client.get(event.get_absolute_url()).content.decode()
    for post, clock in zip((first, second), shown, strict=True):
        article = html[html.index(f'id="post-{post.pk}"') :][:1500]
        assert f'<bdi dir="ltr">{clock}</bdi>,' in article  # the same wall-clock time twice, told apart by its zone
        offset = timezone.localtime(post.published_at, event.tz).isoformat()
        assert f'datetime="{offset}"' in article
    # The times an hour apart in the world are an hour apart on the page, though they read the same.
    assert (second.published_at - first.published_at).total_seconds() == 3600


def test_an_arabic_events_dates_use_arabic_month_names_in_its_zone(client, journalist):
    from datetime import datetime

    event = make_event(time_zone="Asia/Beirut", language="ar")
    post = services.post_publish(
        event=event,
        author=journalist,
        title="x",
        body="x",
        published_at=datetime.fromisoformat("2026-10-20T00:30:00+00:00"),
    )
    html = client.get(post.get_absolute_url()).content.decode()
    assert "أكتوبر" in html  # October
    assert 'datetime="2026-10-20T03:30:00+03:00"' in html  # Beirut's summer time, not the server's
    assert '2026، <bdi dir="ltr">03:30 EEST</bdi>' in html  # the Arabic comma between date and time


def test_the_arabic_pages_have_no_html_errors(client, journalist, editor, tmp_path):
    from coverage_app import demo_content
    from tests.coverage_app.test_validity import nu_errors

    demo_content.load_arabic(editor=editor, journalist=journalist)
    event = Event.objects.get(slug=demo_content.ARABIC_SLUG)
    post = event.posts.first()
    paths = {
        "live": event.get_absolute_url(),
        "permalink": post.get_absolute_url(),
        "embed": f"/live/{event.slug}/embed/",
    }
    responses = {name: client.get(path) for name, path in paths.items()}
    assert {name: r.status_code for name, r in responses.items()} == dict.fromkeys(paths, 200)
    pages = {name: r.content.decode() for name, r in responses.items()}
    assert nu_errors(pages, tmp_path) == {name: [] for name in pages}


def test_a_journalist_sets_their_own_language_on_the_profile_page_and_the_newsroom_follows_at_once(client, journalist):
    client.force_login(journalist)
    home = client.get("/newsroom/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert 'href="/newsroom/profile/"' in home  # reachable from the header
    page = client.get("/newsroom/profile/").content.decode()
    assert '<option value="" selected>' in page  # nothing chosen yet: the browser's language
    response = client.post("/newsroom/profile/", {"language": "de", "byline_role": "Korrespondentin"})
    assert response.status_code == 302
    assert Profile.objects.get(user=journalist).language == "de"
    after = client.get(response.url, HTTP_ACCEPT_LANGUAGE="fr").content.decode()
    assert '<html lang="de" dir="ltr">' in after
    assert "Gespeichert." in after  # the confirmation is already in the chosen language
    assert client.get("/admin/", HTTP_ACCEPT_LANGUAGE="fr").headers["Content-Language"] == "de"
    # Back to the browser's language.
    client.post("/newsroom/profile/", {"language": "", "byline_role": ""})
    assert '<html lang="fr"' in client.get("/newsroom/", HTTP_ACCEPT_LANGUAGE="fr").content.decode()


def test_a_language_the_profile_page_does_not_offer_is_a_422_and_changes_nothing(client, journalist):
    Profile.objects.update_or_create(user=journalist, defaults={"language": "es"})
    client.force_login(journalist)
    assert client.post("/newsroom/profile/", {"language": "tlh"}).status_code == 422
    assert Profile.objects.get(user=journalist).language == "es"


def test_a_german_desk_for_an_arabic_event_speaks_german_and_writes_right_to_left(client, editor):
    event = make_event(language="ar", time_zone="Asia/Beirut")
    Profile.objects.update_or_create(user=editor, defaults={"language": "de"})
    client.force_login(editor)
    page = client.get(f"/newsroom/events/{event.slug}/", HTTP_ACCEPT_LANGUAGE="ar").content.decode()
    assert '<html lang="de" dir="ltr">' in page
    for german in ("Neuer Beitrag", "Veröffentlichen", "Berichterstattung pausieren", "Dieses Liveblog einbetten"):
        assert german in page, german
    assert 'data-writes="rtl"' in page  # the composer writes as the event's readers read
    # The default pause message is for readers, so it is in the event's language, Arabic.
    assert "نتوقف عن التغطية مؤقتًا، وسنعود قريبًا." in page


def test_refusals_and_form_errors_are_said_in_the_journalists_language_and_the_api_stays_english(
    client, editor, journalist
):
    event = make_event(language="ar")
    services.coverage_pause(event=event, by=editor, message="")
    Profile.objects.update_or_create(user=journalist, defaults={"language": "de"})
    client.force_login(journalist)
    url = f"/newsroom/events/{event.slug}/posts/"
    refused = client.post(url, composer_post(action="publish", title="T", body="Text.")).content.decode()
    # The service's refusal, raised under the journalist's language.
    assert "Die Berichterstattung ist pausiert: Setzen Sie sie vor dem Veröffentlichen fort." in refused
    Profile.objects.filter(user=journalist).update(language="es")
    empty = client.post(url, composer_post(action="draft", title="T", body="<p> </p>")).content.decode()
    assert "Escribe algo: la entrada no tiene texto que vayan a ver los lectores." in empty  # a form's error
    assert "Texto:" in empty  # and its label
    with pytest.raises(services.CoverageError, match="Coverage is paused"):
        services.post_publish(event=event, author=journalist, title="T", body="Text.")  # outside a request: English


def test_the_desk_shows_posts_as_readers_get_them_in_the_events_language(client, editor, journalist):
    event = make_event(language="en")
    services.post_publish(event=event, author=journalist, title="Barrier closed", body="Text.", is_key_event=True)
    Profile.objects.update_or_create(user=editor, defaults={"language": "ar"})
    client.force_login(editor)
    page = client.get(f"/newsroom/events/{event.slug}/").content.decode()
    assert '<html lang="ar" dir="rtl">' in page  # the desk speaks the editor's language
    assert '<div class="post" lang="en" dir="ltr">' in page  # the stream shows what English readers get
    stream = page.split('id="stream"', 1)[1]
    assert "Key event" in stream
    assert "حدث بارز" not in stream


def script_names(html):
    return re.findall(r'<script src="/static/js/i18n/(\w+)(?:\.[0-9a-f]{12})?\.js"', html)


def test_reader_pages_and_the_newsroom_load_one_runtime_and_their_languages_words(client, editor):
    arabic = make_event(language="ar")
    assert script_names(client.get(arabic.get_absolute_url()).content.decode()) == ["ar", "runtime"]
    assert script_names(client.get(f"/live/{arabic.slug}/embed/").content.decode()) == ["ar", "runtime"]
    client.force_login(editor)
    Profile.objects.update_or_create(user=editor, defaults={"language": "de"})
    assert script_names(client.get("/newsroom/").content.decode()) == ["de", "runtime"]


def test_a_browser_language_the_site_does_not_publish_in_loads_englishs_words(client, editor):
    client.force_login(editor)
    assert script_names(client.get("/newsroom/", HTTP_ACCEPT_LANGUAGE="pt-BR").content.decode()) == ["en", "runtime"]


def test_each_languages_script_file_is_data_and_the_runtime_is_written_once():
    from pathlib import Path

    from django.conf import settings

    folder = Path(settings.BASE_DIR) / "static" / "js" / "i18n"
    assert "django.ngettext =" in (folder / "runtime.js").read_text()
    for code, _ in settings.LANGUAGES:
        text = (folder / f"{code}.js").read_text()
        assert ".locale = {" in text
        assert "ngettext" not in text, code
        assert "interpolate" not in text, code


def test_every_verb_the_audit_trails_store_is_shown_translated():
    from pathlib import Path

    from django.conf import settings

    from coverage_app.models import Status
    from coverage_app.services import _MOVE_WORDS, SAVED_WORDS
    from coverage_app.templatetags.newsroom import AUDIT_VERBS

    app = Path(settings.BASE_DIR) / "coverage_app"
    source = (app / "services.py").read_text() + (app / "accounts" / "services.py").read_text()
    stored = set(re.findall(r'action="([^"]+)"', source)) | {"deactivated"}  # reactivated/deactivated: one call
    stored |= {f"saved ({word})" for word in SAVED_WORDS.values()} | set(_MOVE_WORDS.values())
    stored |= {f"coverage {status.value}" for status in Status}
    assert stored - set(AUDIT_VERBS) == set()


# The desk's trail: the system's words in each detail follow the journalist too (field names,
# languages), while a headline stays as written.
def test_the_desks_recent_changes_say_their_details_in_the_journalists_language(client, editor, live_event):
    post = services.post_publish(event=live_event, author=editor, title="Kick-off", body="x")
    services.post_edit(post=post, by=editor, title="Kick-off at three", body="y")
    services.event_edit(event=live_event, by=editor, title=live_event.title, standfirst="", language="ar")
    Profile.objects.update_or_create(user=editor, defaults={"language": "de"})
    client.force_login(editor)
    url = f"/newsroom/events/{live_event.slug}/?part=activity"
    html = client.get(url, headers={"HX-Request": "true"}).content.decode()
    assert "hat bearbeitet: Titel, Text" in html
    assert "Sprache Englisch → Arabisch" in html
    assert "Kick-off" in html  # a title is the journalist's words, not the system's
    assert "body_html" not in html
    assert "language en" not in html


# Every code the trails and the tokens store has values that fit its message in every language: a
# message that did not fit would show the stored English instead.
EXAMPLE_VALUES = {
    "invited_as": {"role": "Editors"},
    "joined_as": {"role": "Journalists", "inviter": "sam"},
    "role_changed": {"before": "", "after": "Contributors"},
    "sessions_ended": {"count": 3},
    "token_issued": {"name": "Wire", "scope": "write", "days": 1},
    "token_issued_for_event": {"name": "Wire", "scope": "read", "event": "storm", "days": 2},
    "token_named": {"name": "Wire"},
    "fields": {"fields": ["title", "media"]},
    "locale_changed": {"from_language": "en", "to_language": "ar", "from_zone": "UTC", "to_zone": "Asia/Beirut"},
    "key_points": {},
    "token_missing": {},
    "token_unknown": {},
    "token_expired": {"date": "2026-01-01 00:00"},
    "token_inactive": {},
    "token_read_only": {},
    "token_other_event": {"slug": "storm"},
}


@pytest.mark.parametrize("language", ["en", "es", "de", "fr", "ar"])
def test_every_recorded_message_is_said_in_every_language(language):
    from coverage_app import recorded

    assert set(EXAMPLE_VALUES) == set(recorded.MESSAGES)
    for code, values in EXAMPLE_VALUES.items():
        with translation.override(language):
            said = recorded.render(code, values, "FALLBACK")
        assert said != "FALLBACK", code
        assert "%(" not in said, code
        if language != "en":
            assert said != recorded.Said(code, values).english, code


# 01:30 happens twice on these nights (the clocks go back at 02:00); 02:30 on 29 Mar 2026 in
# London never happens. Every form that reads a typed time in the event's zone refuses them in
# the same words as the event form, in the journalist's language (forms.in_zone).
CLOCK_CHANGES = [
    ("Europe/London", "2026-10-25T01:30", "That time happens twice in this time zone (the clocks go back then)."),
    ("America/New_York", "2026-11-01T01:30", "That time happens twice in this time zone (the clocks go back then)."),
    ("Europe/London", "2026-03-29T01:30", "That time does not exist in this time zone (the clocks go forward then)."),
]


@pytest.mark.parametrize("language", ["en", "ar"])
@pytest.mark.parametrize(("zone", "typed", "message"), CLOCK_CHANGES)
@pytest.mark.parametrize(
    ("form_name", "field", "data"),
    [
        ("PostForm", "published_at", {"body": "x", "action": "publish"}),
        ("CoverageStateForm", "resumes_at", {"action": "pause"}),
    ],
)
def test_a_time_the_clocks_repeat_or_skip_is_refused_in_the_journalists_words(
    form_name, field, data, zone, typed, message, language
):
    from coverage_app.newsroom import forms

    with translation.override(language), timezone.override(zone):
        form = getattr(forms, form_name)(data | {field: typed})
        assert not form.is_valid()
        assert form.errors[field] == [translation.gettext(message)]
    assert "interpreted" not in translation.gettext(message)


def test_a_backdate_is_read_in_the_events_zone_either_side_of_the_clock_change():
    from coverage_app.newsroom.forms import PostForm

    with timezone.override("Europe/London"):
        form = PostForm({"body": "x", "action": "publish", "published_at": "2026-10-25T02:30"})
        assert form.is_valid(), form.errors
    assert form.cleaned_data["published_at"].isoformat() == "2026-10-25T02:30:00+00:00"
    with timezone.override("Europe/London"):
        form = PostForm({"body": "x", "action": "publish", "published_at": "2026-10-25T00:30"})
        assert form.is_valid(), form.errors
    assert form.cleaned_data["published_at"].astimezone(UTC).isoformat() == "2026-10-24T23:30:00+00:00"


@pytest.mark.parametrize("forged", ["x" * 100_000, "de\x00", "<b>de</b>"])
def test_a_forged_profile_language_is_refused_without_being_repeated(client, journalist, forged):
    client.force_login(journalist)
    response = client.post("/newsroom/profile/", {"language": forged, "byline_role": ""})
    assert response.status_code == 422
    page = response.content.decode()
    assert forged not in page
    assert "x" * 100 not in page
    assert translation.gettext("Choose one of the options offered.") in page
    assert not Profile.objects.filter(user=journalist).exclude(language="").exists()


def test_no_choice_in_the_newsroom_or_account_forms_repeats_a_forged_value():
    from django import forms

    from coverage_app.accounts import forms as account_forms
    from coverage_app.newsroom import forms as newsroom_forms

    forged = "forged-" + "x" * 1000
    checked = []
    for module in (newsroom_forms, account_forms):
        for form_class in vars(module).values():
            if not (isinstance(form_class, type) and issubclass(form_class, forms.BaseForm)):
                continue
            for name, field in form_class.base_fields.items():
                if type(field).__name__ in {"ModelChoiceField"} or not isinstance(field, forms.ChoiceField):
                    continue  # a model choice's message names no value
                with pytest.raises(forms.ValidationError) as refused:
                    field.clean(forged)
                assert all("forged" not in message for message in refused.value.messages), (form_class, name)
                checked.append(name)
    assert {"language", "role", "scope", "action"} <= set(checked)


# Direction (red team, issue 15): readers see a post as the journalist wrote it, in the event's direction.
LATIN_FIRST_TITLE = "BBC News: إجلاء 500 عائلة من وادي الحرير"
LATIN_FIRST_BODY = "CNN وBBC تنقلان صور الفيضانات."


def arabic_event_with_latin_first_words(journalist):
    event = make_event(language="ar", time_zone="Asia/Amman", title=LATIN_FIRST_TITLE, standfirst="Reuters: تغطية.")
    post = services.post_publish(
        event=event,
        author=journalist,
        title="Reuters: الأمطار مستمرة",
        body=LATIN_FIRST_BODY,
        byline_name="Sara Haddad",
        quote_text="We have never seen water like this.",
        quote_attribution="Omar Khalil",
    )
    return event, post


def test_an_arabic_events_own_pages_let_its_words_inherit_right_to_left_not_guess_from_the_first_letter(
    client, journalist
):
    event, post = arabic_event_with_latin_first_words(journalist)
    frame = json.loads(Change.objects.get(event=event, seq=post.seq).frame)["html"]
    pages = {
        "live": client.get(f"/live/{event.slug}/").content.decode(),
        "embed": client.get(f"/live/{event.slug}/embed/").content.decode(),
        "permalink": client.get(post.get_absolute_url()).content.decode(),
        "frame": frame,
    }
    for name, html in pages.items():
        # dir="auto" would take "BBC", "CNN", "Reuters" as the direction of the whole headline or post.
        assert 'dir="auto"' not in html, name
        assert LATIN_FIRST_BODY in html, name
    assert '<h1 class="headline__title">' in pages["live"]
    assert '<div class="post__body">' in pages["frame"]
    assert '<bdi class="post__author">Sara Haddad</bdi>' in pages["frame"]
    assert '<html lang="ar" dir="rtl">' in pages["live"]


def test_the_feed_entry_carries_the_events_direction_and_isolates_the_byline(client, journalist):
    import xml.etree.ElementTree as ET

    event, _ = arabic_event_with_latin_first_words(journalist)
    root = ET.fromstring(client.get(f"/live/{event.slug}/feed/").content)
    content = root.find("{http://www.w3.org/2005/Atom}entry/{http://www.w3.org/2005/Atom}summary").text
    assert content.startswith('<div dir="rtl">')
    assert content.rstrip().endswith("</div>")
    assert '<bdi class="post__author">Sara Haddad</bdi>' in content


def test_an_english_events_feed_entry_says_left_to_right(client, journalist):
    import xml.etree.ElementTree as ET

    event = make_event(language="en")
    services.post_publish(event=event, author=journalist, title="Update", body="Text.")
    root = ET.fromstring(client.get(f"/live/{event.slug}/feed/").content)
    content = root.find("{http://www.w3.org/2005/Atom}entry/{http://www.w3.org/2005/Atom}summary").text
    assert content.startswith('<div dir="ltr">')


def test_the_index_marks_an_arabic_events_own_words_with_its_language_but_not_the_sites_badge(client, journalist):
    arabic_event_with_latin_first_words(journalist)
    html = client.get("/").content.decode()
    card = html[html.index('<li class="event-card') : html.index("</li>")]
    # The card's badge ("Live") is the site's English: it must not sit inside an Arabic-marked element.
    assert card.startswith('<li class="event-card event-card--live">')
    assert 'lang="ar"' not in card[: card.index("badge")]
    assert f'<h2 lang="ar" dir="rtl">{LATIN_FIRST_TITLE}</h2>' in card
    assert '<p lang="ar" dir="rtl">Reuters: تغطية.</p>' in card
    assert 'dir="auto"' not in html


def test_the_newsroom_marks_an_arabic_events_words_with_its_language(client, editor, journalist):
    event, _ = arabic_event_with_latin_first_words(journalist)
    services.coverage_pause(event=event, by=editor, message="Reuters: نعود قريبًا")
    client.force_login(editor)
    home = client.get("/newsroom/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert f'<h2 lang="ar" dir="rtl">{LATIN_FIRST_TITLE}</h2>' in home
    desk = client.get(f"/newsroom/events/{event.slug}/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert f'<h1 lang="ar" dir="rtl">{LATIN_FIRST_TITLE}</h1>' in desk
    assert 'Readers see: “<span lang="ar" dir="rtl">Reuters: نعود قريبًا</span>”' in desk


def test_an_arabic_events_begins_badge_isolates_its_clock_time(client):
    starts = timezone.now().replace(microsecond=0) + timedelta(days=1)
    event = make_event(language="ar", time_zone="Africa/Cairo", starts_at=starts)
    html = client.get(f"/live/{event.slug}/").content.decode()
    local = timezone.localtime(starts, timezone=event.tz)
    badge = html[html.index('<span class="badge badge--upcoming">') :]
    badge = badge[: badge.index("</span>")]
    assert f'<bdi dir="ltr">{local:%H:%M} {local.tzname()}</bdi>' in badge


@pytest.mark.parametrize(
    ("language", "format_string", "shown"),
    [
        ("en", "H:i T, j F", "14:05 CET, 1 December"),
        ("es", "H:i T, j F", "14:05 CET, 1 de diciembre"),
        ("de", "H:i T, j F", "14:05 CET, 1. Dezember"),
        ("fr", "H:i T, j F", "14:05 CET, 1 décembre"),
        ("es", "l j F Y, H:i T", "martes, 1 de diciembre de 2026, 14:05 CET"),
        ("de", "l j F Y, H:i T", "Dienstag, 1. Dezember 2026, 14:05 CET"),
        ("de", "H:i T, j M", "14:05 CET, 1. Dez"),
        ("ar", "j F Y, H:i T", "1 ديسمبر، 2026، 14:05 CET"),
    ],
)
def test_dates_follow_each_languages_order_and_always_name_the_zone(language, format_string, shown):
    from zoneinfo import ZoneInfo

    from coverage_app.templatetags.reader import when, when_html

    moment = timezone.datetime(2026, 12, 1, 13, 5, tzinfo=timezone.UTC)
    with translation.override(language), timezone.override(ZoneInfo("Europe/Berlin")):
        assert when(moment, format_string) == shown
        # In the page, the clock and its zone stay one left-to-right piece wherever the language puts it.
        assert '<bdi dir="ltr">14:05 CET</bdi>' in when_html(moment, format_string)


def test_every_date_format_the_templates_use_is_marked_for_translation():
    from pathlib import Path

    from django.conf import settings

    from coverage_app.templatetags.reader import DATE_FORMATS

    used = set()
    for path in (Path(settings.BASE_DIR) / "coverage_app").rglob("*.html"):
        used |= set(re.findall(r"""\|when(?:_html)?:["']([^"']+)["']""", path.read_text(encoding="utf-8")))
    assert used - {"H:i T"} <= {str(fmt) for fmt in DATE_FORMATS}


def test_a_spanish_events_page_writes_de_between_day_and_month(client, editor):
    event = make_event(language="es", time_zone="Europe/Madrid")
    services.coverage_pause(event=event, by=editor, message="")
    html = client.get(f"/live/{event.slug}/").content.decode()
    month = date_format_in("es", timezone.localtime(event.status_changed_at, event.tz), "F")
    assert f" de {month}</time>" in html
