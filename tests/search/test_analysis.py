"""The text analysis shared by documents and queries."""

import pytest

from search.analysis import MAX_QUERY_LENGTH, html_to_text, index_text, parse_query, stems


@pytest.mark.parametrize(
    ("written", "meant"),
    [
        ("والمغرب", "المغرب"),
        ("بالمغرب", "المغرب"),
        ("للمغرب", "المغرب"),
        ("فالمغرب", "المغرب"),
        ("الإرهاب", "الارهاب"),
        ("أمطار", "امطار"),
        ("آثار", "اثار"),
        ("ٱلمدينة", "المدينة"),
        ("مستشفى", "مستشفي"),
        ("الحكومة", "الحكومه"),
        ("الانتخابات", "انتخابات"),
        ("اللاعبين", "لاعبون"),
        ("الْمَغْرِبُ", "المغرب"),
        ("المغـــرب", "المغرب"),
        ("٢٠٢٤", "2024"),
        ("۲۰۲۴", "2024"),
        ("COVID", "covid"),
        ("رئيس", "رييس"),
        ("مؤسسة", "موسسه"),
        ("قَمَرًا", "قمر"),
    ],
)
def test_spellings_and_forms_of_a_word_share_one_stem(written, meant):
    assert stems(written) == stems(meant)


@pytest.mark.parametrize(("word", "definite"), [("وزارة", "الوزارة"), ("فريق", "الفريق")])
def test_words_that_start_with_waw_or_fa_keep_meeting_their_definite_form(word, definite):
    assert stems(word) == stems(definite)


def test_documents_store_padded_stems_then_alternates():
    assert index_text("المغرب وإسبانيا") == " مغرب واسب | اسب "
    assert index_text("") == ""


def test_html_is_reduced_to_its_visible_text():
    assert html_to_text("<p>أ&amp;ب</p><p>ج<br>د</p>") == "أ&ب ج د"


def test_a_query_becomes_word_and_phrase_units_without_syntax():
    query = parse_query('"وزارة الصحة" في طنجة & | ! :* ( ) ; %_')
    assert query.units == ((("وزار", "صحه"),), (("طنج",),))


def test_a_query_of_function_words_only_still_searches_them():
    assert parse_query("في من").units == ((("في",),), (("من",),))


def test_queries_are_cut_and_cleaned_of_controls():
    query = parse_query("\u202e" + "ب" * 1000 + "\x00")
    assert len(query.text) == MAX_QUERY_LENGTH
    assert "\u202e" not in query.text


@pytest.mark.parametrize("junk", ["", "   ", "🙂🙂", "&|!", "\u202e\u202c", "ـــ"])
def test_queries_without_words_have_no_units(junk):
    assert not parse_query(junk)
