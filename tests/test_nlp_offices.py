"""Office titles next to person mentions: role (without the country word) and state."""

from __future__ import annotations

import pytest

from kg.nlp.countries.gazetteer import compatible, office_families


def offices(nlp, text: str) -> dict[str, tuple[str | None, str | None]]:
    out = {}
    doc = nlp(text)  # keep the Doc alive while reading its spans
    for s in doc.spans["pkg_persons"]:
        role, country = out.get(s._.pkg_person, (None, None))
        out[s._.pkg_person] = (role or s._.pkg_role, country or s._.pkg_country)
    return out


@pytest.mark.parametrize("text, name, role, country", [
    ("US Secretary of State Laura Bennett spoke at noon.", "Laura Bennett",
     "Secretary of State", "US"),
    ("US Defense Secretary Mark Whitfield said so.", "Mark Whitfield", "Defense Secretary", "US"),
    ("Japanese Foreign Minister Yoshimasa Hayashi told his US partners.", "Yoshimasa Hayashi",
     "Foreign Minister", "JP"),
    ("Russian deputy Foreign Minister Pavel Orlov warned that Moscow would respond.",
     "Pavel Orlov", "deputy Foreign Minister", "RU"),
    ("India's petroleum minister Ravi Kumar Menon greeted the delegation.", "Ravi Kumar Menon",
     "petroleum minister", "IN"),
    ("Palestinian Authority Prime Minister Samir Haddad toured Jenin.", "Samir Haddad",
     "Prime Minister", "PS"),
    ("In 1853, United States Navy Commodore Matthew C. Perry was sent.", "Matthew C. Perry",
     "Commodore", "US"),
    ("Chinese leader Wang Jianguo in June criticised the blockade.", "Wang Jianguo", "leader",
     "CN"),
    ("Pakistani Field Marshal Asim Munir also attended.", "Asim Munir", "Field Marshal", "PK"),
    # a rank of nobility between office and name is no part of the office; NER's split
    # at "bin" is joined
    ("The kingdom will invest, Saudi Energy Minister Prince Abdulaziz bin Salman told "
     "reporters.", "Abdulaziz bin Salman", "Energy Minister", "SA"),
    # two fields of one office joined by "and"
    ("Venezuela will sell Peru fuel, Energy and Mines Minister Jorge Salazar announced.",
     "Jorge Salazar", "Energy and Mines Minister", "VE"),
    # a head's hyphenated second word ends the title whatever its tag
    ("Later that day, NATO secretary-general Lars Holmberg seemed to dismiss the "
     "proposal.", "Lars Holmberg", "secretary-general", None),
])
def test_nlp_offices_title_before_name(nlp, text, name, role, country):
    assert offices(nlp, text)[name] == (role, country)


@pytest.mark.parametrize("text, name, role, country", [
    ("Fumio Kishida, Japan's prime minister, spoke.", "Fumio Kishida", "prime minister", "JP"),
    ("The Minister of Defence of India, Rajnath Singh, met his counterpart.", "Rajnath Singh",
     "Minister of Defence", "IN"),
    ("The Turkish economics minister, Emre Yilmaz, confirmed the terms.", "Emre Yilmaz",
     "economics minister", "TR"),
    ("It was signed by the President of the United States, Richard Nixon and the General "
     "Secretary of the Communist Party of the Soviet Union, Leonid Brezhnev.",
     "Leonid Brezhnev", "General Secretary of the Communist Party", "SU"),
    ("Hun Manet\nPrime Minister of the Kingdom of Cambodia\n", "Hun Manet", "Prime Minister",
     "KH"),
    ("President Donald J. Trump of the United States of America was present.",
     "Donald J. Trump", "President", "US"),
    ("General Secretary Nguyen Phu Trong of the Communist Party of Vietnam spoke.",
     "Nguyen Phu Trong", "General Secretary", "VN"),
    ("Speaker Raja Pervez Ashraf of the National Assembly of Pakistan spoke.",
     "Raja Pervez Ashraf", "Speaker", "PK"),
    # a rank before the name, the office after it
    ("Prince Faisal bin Farhan, Saudi Arabia's foreign minister, spoke.", "Faisal bin Farhan",
     "foreign minister", "SA"),
])
def test_nlp_offices_apposition_and_of_country(nlp, text, name, role, country):
    assert offices(nlp, text)[name] == (role, country)


@pytest.mark.parametrize("text, name, role", [
    ("Carla de Souza, the IMF's managing director, praised the reform plan.",
     "Carla de Souza", "managing director"),
    ("Gazprom chairman Oleg Petrov and Russian energy minister Ivan Sokolov held talks.",
     "Oleg Petrov", "chairman"),
    ("Hamas delegation representative Khalil Abu Nasser told reporters the talks went well.",
     "Khalil Abu Nasser", "delegation representative"),
    ("UN Secretary-General Antonio Guterres welcomed the deal between Israel and Egypt.",
     "Antonio Guterres", "Secretary-General"),
])
def test_nlp_offices_officers_of_organizations_have_no_state(nlp, text, name, role):
    assert offices(nlp, text)[name] == (role, None)


def test_nlp_offices_on_behalf_of(nlp):
    text = "NSSA CEO Dr. Mohamed Al Aseeri signed the Accords on behalf of Bahrain."
    assert offices(nlp, text)["Mohamed Al Aseeri"] == ("CEO", "BH")


@pytest.mark.parametrize("text, expected", [
    # a leader named alongside another leader acts for the other state of the text
    ("President Biden and Ukrainian President Zelenskyy signed the agreement. The United "
     "States will stand with Ukraine, and the United States will help.",
     {"Zelenskyy": ("President", "UA"), "Biden": ("President", "US")}),
    ("India and the United States met; India hosted. President Biden and Prime Minister "
     "Modi launched the U.S.-India partnership. India's Prime Minister Modi spoke.",
     {"Modi": ("Prime Minister", "IN"), "Biden": ("President", "US")}),
    # a ruling party's General Secretary leads a state too
    ("The United States and Vietnam upgraded ties. Today, President Joseph R. Biden, Jr. and "
     "General Secretary Nguyen Phu Trong of the Communist Party of Vietnam announced a "
     "partnership between the two countries.",
     {"Joseph R. Biden, Jr.": ("President", "US"),
      "Nguyen Phu Trong": ("General Secretary", "VN")}),
    # a leader coordinated through an apposition naming the other's state; "Shri" is an
    # honorific; the Maldives has no prime minister
    ("Joint Statement of India and the Maldives\n\nAt the invitation of Prime Minister Shri "
     "Narendra Modi, President of the Republic of Maldives, H.E. Dr. Mohamed Muizzu, paid a "
     "State Visit to India from 6 to 10 October 2024. The Maldives and India agreed.",
     {"Narendra Modi": ("Prime Minister", "IN"), "Mohamed Muizzu": ("President", "MV")}),
    # a named counterpart acts for another state, whatever the offices; and the Defence
    # Minister of Australia does not stop a Foreign Minister acting for it
    ("Australia and Britain signed a treaty. Australian Defence Minister Richard Marles "
     "signed it. Foreign Minister Penny Wong and her British counterpart David Lammy "
     "attended.",
     {"David Lammy": (None, "GB"), "Penny Wong": ("Foreign Minister", "AU")}),
])
def test_nlp_offices_country_from_document_context(nlp, text, expected):
    got = offices(nlp, text)
    assert {name: got[name] for name in expected} == expected


def test_nlp_offices_office_few_states_have_takes_a_state_named_by_its_capital(nlp):
    text = ("Secretary of State Marco Rubio met today with Indonesian Foreign Minister Sugiono "
            "in Washington. Indonesia's trade grew.")
    assert offices(nlp, text)["Marco Rubio"] == ("Secretary of State", "US")


def test_nlp_offices_one_holder_per_state_only_for_unique_offices(nlp):
    text = ("Japan and Brazil met. Japanese Prime Minister Fumio Kishida and Japanese Defence "
            "Minister Minoru Kihara spoke. Prime Minister Shigeru Ishiba later said Japan and "
            "Brazil agreed. Foreign Minister Takeshi Iwaya said so in Japan.")
    got = offices(nlp, text)
    assert got["Shigeru Ishiba"][1] != "JP"  # Japan's prime minister is named: Kishida
    assert got["Takeshi Iwaya"][1] == "JP"


def test_nlp_offices_of_phrase_of_an_international_body_gives_no_state(nlp):
    text = "President Charles Michel of the European Council of the EU met Japan's leader."
    assert offices(nlp, text)["Charles Michel"][1] is None


def test_nlp_offices_office_must_exist_in_the_state(nlp):
    text = ("During a visit to Canada, Prime Minister Trudeau met the United States team. "
            "The United States and the United States Senate agreed.")
    assert offices(nlp, text)["Trudeau"] == ("Prime Minister", "CA")


def test_nlp_offices_possessive_country_after_name(nlp):
    assert offices(nlp, "Putin's Russia has shattered peace.")["Putin"] == (None, "RU")


@pytest.mark.parametrize("role, families", [
    ("Vice President", {"vice president"}), ("Prime Minister", {"prime minister"}),
    ("Crown Prince and Prime Minister", {"monarch", "prime minister"}),
    ("Secretary of Energy", {"secretary"}), ("Secretary-General", set()),
    ("General Secretary", {"party leader"}),
    ("petroleum minister", {"minister"}), ("shōgun", {"shōgun"}), ("negotiator", set()),
])
def test_nlp_offices_families(role, families):
    assert office_families(role) == families


def test_nlp_offices_compatibility():
    assert compatible("US", "president") and not compatible("US", "prime minister")
    assert not compatible("JP", "president") and compatible("JP", "monarch")
    assert not compatible("US", "minister") and compatible("GB", "secretary")
    assert compatible("VN", "party leader") and not compatible("GB", "party leader")


def rules(nlp, text: str) -> dict[str, tuple[str | None, str | None]]:
    doc = nlp(text)
    return {s._.pkg_person: (s._.pkg_role_rule, s._.pkg_country_rule)
            for s in doc.spans["pkg_persons"]}


@pytest.mark.parametrize("text, name, role, country, rule", [
    # religious titles and honorifics are forms of address, not part of the office
    ("Iran's Supreme Leader Ayatollah Mahmoud Farzan said it was a duty.",
     "Mahmoud Farzan", "Supreme Leader", "IR", "state.title"),
    # adjectives outside the title vocabulary stay out of the role
    ("The far-right finance minister Elazar Gross of Israel objected.", "Elazar Gross",
     "finance minister", "IL", "state.after-name"),
    ("Vietnam's new president Tran Van Lam took office.", "Tran Van Lam", "president",
     "VN", "state.title"),
    # an ambassador acts for the state that sends them, not the host
    ("The plan was signed by U.S. Ambassador to Peru Clara Oaks and others.", "Clara Oaks",
     "Ambassador", "US", "state.title"),
    # "former" is part of the office the text gives
    ("Former President Walter Brandt of Germany spoke.", "Walter Brandt",
     "Former President", "DE", "state.after-name"),
    # a state in brackets after the name, shared by names joined by "and" before it
    ("Foreign Minister Ana Ruiz and Trade Minister Luis Gomez (Chile) and Foreign "
     "Minister Pedro Alves (Brazil) signed it.", "Ana Ruiz", "Foreign Minister", "CL",
     "state.shared"),
    ("Foreign Minister Ana Ruiz and Trade Minister Luis Gomez (Chile) and Foreign "
     "Minister Pedro Alves (Brazil) signed it.", "Luis Gomez", "Trade Minister", "CL",
     "state.bracket"),
    # named with a holder of another office of one state, with no counterpart word
    ("The envoy met Salvadoran President Rafael Ortiz, Foreign Minister Clara Benitez "
     "and business leaders. Panama and El Salvador agreed.", "Clara Benitez",
     "Foreign Minister", "SV", "state.colleague"),
    # two secretaries of one state are colleagues, not counterparts
    ("After meeting Vice President Hal Moss of the United States, Secretary of State Ida "
     "Lane and Commerce Secretary Tom Reyes, the Canadian envoy left Washington.",
     "Tom Reyes", "Commerce Secretary", "US", "state.colleague"),
    # a state or province before the title names the country it belongs to
    ("The appeal failed to sway Arizona Governor Ruth Kale, who backed the United States "
     "policy.", "Ruth Kale", "Governor", "US", "state.title"),
    # signing for a state
    ("Dr. Ira Cole, the Senior Official for Arms Control, signed for the United States, "
     "and Hon. Kofi Mensah, Deputy Minister for Foreign Affairs, signed for Ghana.",
     "Ira Cole", "Senior Official for Arms Control", "US", "state.on-behalf"),
    # an office no state family holds, in a list whose state is given at its head
    ("We thank President Michel Aoun, Speaker Rami Haddad, and Prime Minister Najib "
     "Salam of Lebanon for this.", "Rami Haddad", "Speaker", "LB", "state.colleague"),
    # a title's bracketed acronym between the title and the name
    ("Steps agreed during Director of National Intelligence (DNI) Ann Hale's visit to "
     "Kigali held.", "Ann Hale", "Director of National Intelligence", None, None),
])
def test_nlp_offices_rules_name_what_they_found(nlp, text, name, role, country, rule):
    assert offices(nlp, text)[name] == (role, country)
    assert rules(nlp, text)[name][1] == rule


@pytest.mark.parametrize("text, name, country, rule", [
    # a national statement: its officials without a state are the speaker's
    ("Statement by Mongolia at the General Debate, 2021\n\nOur late General Batbayar "
     "Dorj led the reforms, and the Ministry was reorganised.", "Batbayar Dorj", "MN",
     "state.own-side"),
    # a government's readout naming its own seat: the spokesperson is the publisher's
    ("Readout of the Secretary's Meeting with Foreign Minister Ilona Varga of Hungary\n\n"
     "The below is attributable to Spokesperson Mark Dell: The Secretary met Hungarian "
     "Foreign Minister Ilona Varga at the Department of State and discussed the United "
     "States and Hungary.", "Mark Dell", "US", "state.own-side"),
])
def test_nlp_offices_own_side_of_the_document(nlp, text, name, country, rule):
    assert offices(nlp, text)[name][1] == country
    assert rules(nlp, text)[name][1] == rule


def test_nlp_offices_news_has_no_side_and_guesses_no_spokesperson(nlp):
    text = ("Talks resume in Geneva\n\nThe United States and Hungary resumed talks, "
            "Spokesperson Mark Dell said.")
    assert offices(nlp, text)["Mark Dell"] == ("Spokesperson", None)


@pytest.mark.parametrize("text, name, expected", [
    # a description with a state and no name refers back to the person just named
    ("Critics attacked Avram Tal's remarks, while the Israeli prime minister faces "
     "growing pressure over the deal.", "Avram Tal", ("prime minister", "IL",
                                                   "role.description")),
    # not to a person who already holds another office
    ("Foreign Minister Avram Tal spoke, and the Israeli prime minister agreed.",
     "Avram Tal", ("Foreign Minister", "IL", "role.title-before")),
    # nor when no person was named shortly before
    ("The Israeli prime minister agreed to the plan.", None, None),
])
def test_nlp_offices_description_refers_back(nlp, text, name, expected):
    doc = nlp(text)
    spans = [s for s in doc.spans["pkg_persons"] if s._.pkg_role_rule == "role.description"]
    if expected is None:
        assert not spans
        return
    found = {(s._.pkg_role, s._.pkg_country, s._.pkg_role_rule)
             for s in doc.spans["pkg_persons"] if s._.pkg_person == name and s._.pkg_role}
    assert found == {expected}


def test_nlp_offices_former_holder_is_no_counterpart(nlp):
    # the former president does not hold the office the text gives the current one, so
    # the US remains a state he may act for
    text = ("President Joe Biden of the United States spoke. Former President Donald "
            "Trump spoke too, as did Vice President Kamala Harris. The United States voted.")
    assert offices(nlp, text)["Donald Trump"] == ("Former President", "US")


@pytest.mark.parametrize("text, name, role", [
    # an officer of an international body acts for no state, even in a national statement
    ("Statement by Peru at the General Debate\n\nWe thank Secretary-General Ana Vidal for "
     "her work. Peru will vote.", "Ana Vidal", "Secretary-General"),
    # a word broken at its hyphen
    ("Statement by Peru at the General Debate\n\nI also thank Secretary- General Ana Vidal "
     "for her work. Peru will vote.", "Ana Vidal", "Secretary- General"),
])
def test_nlp_offices_international_office_has_no_state(nlp, text, name, role):
    assert offices(nlp, text)[name] == (role, None)


def test_nlp_offices_list_with_a_state_per_item_shares_none(nlp):
    text = ("Secretary Ann Ford, Ruritanian Premier Ole Berg, and Danish Foreign Minister "
            "Jens Holm met in Denmark. The United States and Denmark agreed.")
    assert offices(nlp, text)["Ann Ford"][1] != "DK"


@pytest.mark.parametrize("text, name, role, country", [
    ("The deal was negotiated by Spanish envoys Carlos Ibarra and Luis Montoro.",
     "Luis Montoro", "envoy", "ES"),
    ("The deal was negotiated by Spanish envoys Carlos Ibarra and Luis Montoro.",
     "Carlos Ibarra", "envoy", "ES"),
    ("The list also names Nigerian army officials Musa Danjuma and Ibrahim Lawal.",
     "Ibrahim Lawal", "army official", "NG"),
])
def test_nlp_offices_plural_title_before_a_list_is_each_names(nlp, text, name, role, country):
    assert offices(nlp, text)[name] == (role, country)


@pytest.mark.parametrize("text, name", [
    ("The firm was built by its co-founders Ahmed Nasser and Abdel Aziz Karimi.",
     "Abdel Aziz Karimi"),
    ("The list names Burmese business leaders Aung Min Oo, Naing Tun Aung and Sit Tun Aung.",
     "Naing Tun Aung"),
])
def test_nlp_offices_plural_title_of_companies_gives_a_list_nothing(nlp, text, name):
    assert offices(nlp, text).get(name, (None, None)) == (None, None)


@pytest.mark.parametrize("text, name, role, country", [
    ("The leaders met in New York.\n\nSeptember 21, 2023\n\nPresident Arnold Bekov of the "
     "Republic of Kazakhstan\n\nPresident Tomas Ulanov of the Kyrgyz Republic\n\nPresident "
     "Ruslan Dzhurayev of Turkmenistan\n", "Tomas Ulanov", "President", "KG"),
])
def test_nlp_offices_title_the_parser_splits_from_its_name_in_a_line(nlp, text, name, role,
                                                                      country):
    assert offices(nlp, text)[name] == (role, country)


@pytest.mark.parametrize("text, name, country", [
    ("In 1871, a small American expedition led by Admiral Ezra Pendle reached the coast "
     "of Korea.", "Ezra Pendle", "US"),
    ("Minister Pedro Lopez headed the Chilean delegation at the talks with Peru.",
     "Pedro Lopez", "CL"),
    ("Pedro Lopez, who led the delegation of Chile, met Peru's envoy.", "Pedro Lopez", "CL"),
    ("The Japanese government, led by Prime Minister Taro Sato, agreed.", "Taro Sato", "JP"),
])
def test_nlp_offices_state_of_the_body_a_person_leads(nlp, text, name, country):
    doc = nlp(text)
    found = [s for s in doc.spans["pkg_persons"] if s._.pkg_person == name]
    assert [(s._.pkg_country, s._.pkg_country_rule) for s in found] == [
        (country, "state.delegation")]


@pytest.mark.parametrize("text, name", [
    ("Pedro Lopez, who led the team, met Chile's envoy.", "Pedro Lopez"),  # no state named
    ("Pedro Lopez met the Chilean delegation led by its chief.", "Pedro Lopez"),
])
def test_nlp_offices_body_not_led_or_of_no_state_gives_none(nlp, text, name):
    assert offices(nlp, text).get(name, (None, None))[1] is None


@pytest.mark.parametrize("text, name, country", [
    ("In the United States, Senator Bob Mendez of New Jersey said so.", "Bob Mendez", "US"),
    # a province after two names joined by "and" is both's
    ("The United States signed it. The ones who objected were Carl Denton and Hugo Marsh "
     "of Vermont.", "Carl Denton", "US"),
])
def test_nlp_offices_province_after_the_name_gives_its_state(nlp, text, name, country):
    assert offices(nlp, text)[name][1] == country


@pytest.mark.parametrize("text, name", [
    ("In the United States, Tom Friedman of New York Times said so.", "Tom Friedman"),
    ("Britain agreed. Tom Ross and Ann Lee of New Jersey met.", "Ann Lee"),  # US not named
])
def test_nlp_offices_province_not_ending_a_phrase_or_of_a_state_not_named(nlp, text, name):
    assert offices(nlp, text).get(name, (None, None))[1] is None


@pytest.mark.parametrize("text, name, role", [
    ("The group said its political leader Omar Nasser had been killed.", "Omar Nasser",
     "political leader"),  # relational (WordNet adj.pert): the office's field
    ("Chile's new foreign minister Tom Ross spoke.", "Tom Ross", "foreign minister"),
    ("The far-right finance minister Elazar Gross of Israel objected.", "Elazar Gross",
     "finance minister"),  # descriptive: no part of the office
])
def test_nlp_offices_relational_adjective_is_part_of_the_title(nlp, text, name, role):
    assert offices(nlp, text)[name][0] == role


@pytest.mark.parametrize("text, name, country", [
    # a person already placed names a state in the sentence
    ("China and the United States met in Laos. China said so, and China again. US President "
     "Joe Ward spoke. The campaign was upended by Ward's decision, and Vice President Ann "
     "Carter became the nominee.", "Ann Carter", "US"),
    # a seat of government that acts or owns names its state; one that is a place does not
    ("China and the United States met in Laos. China said so, and China again. The former "
     "President Tom Grant has often viewed Washington's alliances as deals.", "Tom Grant",
     "US"),
])
def test_nlp_offices_context_reads_persons_and_acting_seats_in_the_sentence(nlp, text, name,
                                                                           country):
    assert offices(nlp, text)[name][1] == country


@pytest.mark.parametrize("text, name, role, country", [
    ("Britain said so. Home Secretary Alan Pryce cared far less about prisons than his "
     "predecessor, Owen Tarrant.", "Owen Tarrant", "Home Secretary", "GB"),
    ("Britain said so. Home Secretary Alan Pryce's successor Tom Hale disagreed.",
     "Tom Hale", "Home Secretary", "GB"),
])
def test_nlp_offices_predecessor_holds_the_office_for_the_same_state(nlp, text, name, role,
                                                                    country):
    assert offices(nlp, text)[name] == (role, country)


def test_nlp_offices_predecessor_with_an_office_of_his_own_keeps_it(nlp):
    text = ("Britain said so. Home Secretary Alan Pryce met his predecessor, Foreign "
            "Minister Tom Hale of Chile.")
    assert offices(nlp, text)["Tom Hale"] == ("Foreign Minister", "CL")


@pytest.mark.parametrize("text, name, role", [
    ("The Assembly congratulated Maria Lindholm on her election as President of the General "
     "Assembly.", "Maria Lindholm", "President of the General Assembly"),
    ("Chile agreed. Peter Lindqvist served as the first Executive Secretary for five years.",
     "Peter Lindqvist", "Executive Secretary"),
])
def test_nlp_offices_office_held_as(nlp, text, name, role):
    assert offices(nlp, text)[name][0] == role


def test_nlp_offices_office_held_as_is_not_the_subjects_when_the_verb_has_an_object(nlp):
    found = offices(nlp, "Tom Hale described Ann Lee as a leader of Chile.")
    assert found.get("Tom Hale", (None, None))[0] is None


def test_nlp_offices_description_completing_another_noun_gives_the_state_alone(nlp):
    text = ("North Korea fired missiles. In a message, Ri Sun Hee, the influential niece of "
            "the North Korean premier, threatened Tokyo.")
    assert offices(nlp, text)["Ri Sun Hee"] == (None, "KP")


@pytest.mark.parametrize("dateline, country", [
    ("CARACAS, April 3 - ", "VE"),  # filed from a capital: that state's own official
    ("LIMA, April 3 - ", "PE"),
    ("On April 3, ", "PE"),  # no dateline: the state the text names most
])
def test_nlp_offices_dateline_breaks_a_tie_in_the_sentence(nlp, dateline, country):
    text = (f"Fuel sale\n\n{dateline}Venezuela will sell Peru fuel, Energy and Mines Minister "
            "Jorge Salazar announced today. Peru said so. Peru agreed.")
    assert offices(nlp, text)["Jorge Salazar"][1] == country


@pytest.mark.parametrize("text, name, role", [
    ("Israel struck Gaza. Palestinian analyst Mustafa Karim told reporters so.",
     "Mustafa Karim", "analyst"),
    ("Spain agreed. The network's foreign affairs correspondent, Daniel Ford, reported it.",
     "Daniel Ford", "foreign affairs correspondent"),
])
def test_nlp_offices_analysts_and_correspondents_act_for_no_state(nlp, text, name, role):
    assert offices(nlp, text)[name] == (role, None)


@pytest.mark.parametrize("name, role, country", [
    ("Carl Denton", "Senator", "US"), ("Ned Ashby", "Senator", "US"),
    ("Ray Quill", "Senator", "US"),
])
def test_nlp_offices_list_a_plural_title_introduces_over_a_colon(nlp, name, role, country):
    text = ("The United States signed it. The Senators who opposed the bill were: Carl "
            "Denton and Hugo Marsh of Vermont, Ned Ashby and Paul Greer of Ohio, and Ray "
            "Quill of Oregon.")
    assert offices(nlp, text)[name] == (role, country)
