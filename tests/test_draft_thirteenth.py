"""kg draft: the thirteenth round's rules, each on invented sentences (fictional names and places)."""

from __future__ import annotations

from datetime import date

from tests.helpers import draft_invented as _draft

PUB = date(2027, 3, 10)  # a Wednesday


def _events(d, typ: str) -> list[list[str]]:
    return [e.participants for e in d.events if e.type == typ]


def _posts(d) -> set[tuple[str, str]]:
    return {(m.person, m.role) for m in d.memberships}


# --- posts: "his deputy" is a relation, "Deputy" before a title no title of its own ---------------------------

def test_his_deputy_is_the_deputy_of_the_possessors_post(tmp_path):
    d = _draft(tmp_path, "Varnian Foreign Minister Edda Morn and her deputy, Ansel Brandt, arrived in Kestvar.")
    assert ("ansel-brandt", "deputy-foreign-minister") in _posts(d)
    assert ("ansel-brandt", "member-of-parliament") not in _posts(d)


def test_his_deputy_with_no_titled_possessor_in_the_sentence_names_no_post(tmp_path):
    d = _draft(tmp_path, "Varnian Foreign Minister Ansel Brandt met Lena Varosh on Monday. Brandt later praised the "
                         "concessions that his deputy, Edda Morn, offered.")
    assert not [m for m in d.memberships if m.person == "edda-morn"]


def test_deputy_before_a_capitalised_title_is_part_of_it_not_a_title_of_a_name(tmp_path):
    d = _draft(tmp_path, "Edda Morn, the Varnian trade minister, met Lena Varosh on Monday. Minister Varosh and "
                         "Deputy Minister Morn will meet again on Friday.")
    assert "minister-morn" not in {p.id for p in d.persons}
    assert not [m for m in d.memberships if m.role == "member-of-parliament"]


# --- dates: "before" bounds an event from above ---------------------------------------------------------------

def test_a_meeting_before_the_summer_is_not_in_the_summer(tmp_path):
    d = _draft(tmp_path, 'Lena Varosh said she and Tomas Keld would meet "before the summer".')
    (e,) = [e for e in d.events if e.type == "meeting"]
    w = e.date.when(PUB)
    assert (str(w.earliest), str(w.latest)) == ("2027-03-10", "2027-08-31")  # never excluding 20 June


def test_a_meeting_before_a_day_ends_the_day_before(tmp_path):
    d = _draft(tmp_path, "Lena Varosh will meet Tomas Keld before 20 March.")
    (e,) = [e for e in d.events if e.type == "meeting"]
    assert str(e.date.when(PUB).latest) == "2027-03-19"


# --- events told as nouns: participants after "by" (and "of" for a press conference) --------------------------

def test_a_news_conference_by_two_persons(tmp_path):
    d = _draft(tmp_path, "Lena Varosh met Tomas Keld on Tuesday.\n\nA joint news conference by Lena Varosh and "
                         "Tomas Keld closed the day.")
    assert ["lena-varosh", "tomas-keld"] in _events(d, "press-conference")


def test_the_signing_by_two_persons_of_a_memorandum(tmp_path):
    d = _draft(tmp_path, "The signing by Lena Varosh and Tomas Keld of a memorandum on ferries ended the visit.")
    assert _events(d, "signing") == [["lena-varosh", "tomas-keld"]]


# --- coordination through a possessive and a title ------------------------------------------------------------

def test_a_person_and_her_deputy_are_coordinated(tmp_path):
    d = _draft(tmp_path, "Varnian Foreign Minister Edda Morn and her deputy, Ansel Brandt, met Lena Varosh on "
                         "Monday.")
    assert _events(d, "meeting") == [["edda-morn", "ansel-brandt", "lena-varosh"]]


# --- a live blog's entries are of the blog's day ----------------------------------------------------------------

def test_a_live_blog_entry_is_of_the_blogs_day(tmp_path):
    text = ("Live: the Kestvar talks\n\nKESTVAR – Monday, 8 March 2027. Our coverage of the day.\n\n"
            "10:15 – Lena Varosh is meeting Tomas Keld in the old town hall.\n\n"
            "12:30 – Lena Varosh and Tomas Keld have signed a memorandum on ferries.")
    d = _draft(tmp_path, text)
    assert [(e.type, str(e.date.when(PUB).value)) for e in d.events] == [("meeting", "2027-03-08"),
                                                                         ("signing", "2027-03-08")]


def test_a_live_blog_with_no_date_of_its_own_is_of_the_day_published(tmp_path):
    d = _draft(tmp_path, "Live\n\n09:40 – Lena Varosh is meeting Tomas Keld now.")
    assert [str(e.date.when(PUB).value) for e in d.events] == ["2027-03-10"]


# --- "the delegation": its head and the members listed --------------------------------------------------------

def test_the_delegation_is_its_head_and_its_listed_members(tmp_path):
    text = ("A delegation of the Varnian parliament led by Lena Varosh arrived in Kestvar on Monday. The delegation "
            "was composed of Ansel Brandt, Deputy Speaker; and Edda Morn, Ambassador of Belmora. On Tuesday the "
            "delegation was received by President Ivo Santer.")
    d = _draft(tmp_path, text)
    assert _events(d, "reception") == [["ivo-santer", "lena-varosh", "ansel-brandt", "edda-morn"]]


def test_the_delegation_of_the_one_at_its_head(tmp_path):
    d = _draft(tmp_path, "Lena Varosh arrived in Kestvar on Monday at the head of a delegation of the Varnian "
                         "parliament. On Tuesday the delegation was received by President Ivo Santer.")
    assert _events(d, "reception") == [["ivo-santer", "lena-varosh"]]


# --- a headline names persons as a sentence does ----------------------------------------------------------------

def test_a_person_titled_in_the_headline_is_a_person_of_the_article(tmp_path):
    d = _draft(tmp_path, "Joint press conference of President Ivo Santer and the Foreign Ministers of Varnia and "
                         "Kestvar\n\nSanter met Tomas Keld on Monday.")
    assert {p.id for p in d.persons} == {"ivo-santer"}  # "the Foreign Ministers": no person
    assert _events(d, "meeting") == [["ivo-santer", "tomas-keld"]]



# --- a transcript: "I" is the speaker of the turn, the label's title that speaker --------------------------------

_TRANSCRIPT = ("Joint press conference of President Ivo Santer and Prime Minister Edda Morn\n\n"
               "MODERATOR: Good afternoon.\n\n"
               "PRESIDENT SANTER: Welcome to Orvik. Prime Minister Lena Varosh could not join us today.\n\n"
               "PRIME MINISTER MORN: Thank you. I met Tomas Keld on Monday.\n\n"
               "QUESTION (Radio Orvik): Is there a problem?\n\n"
               "PRESIDENT SANTER: None. I had lunch with the Prime Minister on Tuesday.")


def test_in_a_transcript_i_is_the_speaker_of_the_turn(tmp_path):
    d = _draft(tmp_path, _TRANSCRIPT)
    assert ["edda-morn", "tomas-keld"] in _events(d, "meeting")


def test_in_a_transcript_the_title_of_a_label_is_that_speaker(tmp_path):
    d = _draft(tmp_path, _TRANSCRIPT)
    assert ["ivo-santer", "edda-morn"] in _events(d, "meeting")  # not Lena Varosh, the other prime minister
