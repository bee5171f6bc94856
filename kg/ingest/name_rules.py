"""The rules for finding names as data: what a name looks like, what refers back to one ("the group",
"it", "its leader"), and the context words that mark a name the knowledge base lacks.

Part of the pattern tables (kg/ingest/patterns.py re-exports every name here).
"""

from __future__ import annotations

from typing import Any


def L(*words: str) -> dict[str, Any]:
    return {"LOWER": {"IN": list(words)}}


NAME = {"TEXT": {"REGEX": r"^(?:[A-Z][\w'’]*|\d{1,4}|al|el|ad|ash|as|an|ar|bin|ibn|abu|abi|of|-|'|’)$"}}
CAP = {"TEXT": {"REGEX": r"^[A-Z][\w'’]+$"}}
# a capitalised word that can open a place's name: not a month, a weekday or a people's adjective
PLACE_NAME = {"TEXT": {"REGEX": r"^[A-Z][\w'’]+$", "NOT_IN": [
    "January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November",
    "December", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday", "The", "US", "U.S.",
    "Camp", "Tower", "Mission", "Forward"]}}  # a site's own kind word: "near Camp X" is near the camp
# Capitalised words that open a sentence or a phrase without being part of the name after them.
NOT_NAME_START = {"The", "A", "An", "On", "In", "At", "Since", "After", "Before", "This", "That", "Its",
                  "Their", "His", "Her", "Last", "When", "While", "Both", "Two", "Three", "Several", "Some",
                  "Of", "-", "And", "But", "Meanwhile", "Earlier", "Later", "Pro"}

# Words whose full stop ends no sentence: titles and abbreviated months.
ABBREVIATIONS = {"Maj", "Gen", "Lt", "Col", "Capt", "Sgt", "Cpl", "Adm", "Brig", "Cmdr", "Dr", "Mr", "Mrs", "Ms",
                 "Sen", "Rep", "Gov", "Pres", "Sec", "St", "No", "Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug",
                 "Sep", "Sept", "Oct", "Nov", "Dec", "Lt. Gen", "Maj. Gen", "Brig. Gen"}

# Coreference. A definite description ("the group", "that umbrella organization") names no one: it refers
# back to an entity of a compatible class named before it. head noun -> classes it can refer to.
ANAPHORS: dict[str, set[str]] = {
    "group": {"ArmedGroup"}, "militia": {"ArmedGroup"}, "faction": {"ArmedGroup"}, "brigade": {"ArmedGroup"},
    "battalion": {"ArmedGroup"}, "outfit": {"ArmedGroup"}, "movement": {"ArmedGroup"},
    "organization": {"ArmedGroup", "Coalition", "Organization"},
    "organisation": {"ArmedGroup", "Coalition", "Organization"},
    "coalition": {"Coalition"}, "umbrella": {"Coalition"}, "alliance": {"Coalition"},
    "formation": {"ArmedGroup"}, "network": {"ArmedGroup"}, "cell": {"ArmedGroup"}, "unit": {"ArmedGroup"},
    "commission": {"Coalition", "ArmedGroup"}, "front": {"Coalition", "ArmedGroup"},
    "base": {"Facility"}, "airbase": {"Facility"}, "compound": {"Facility"}, "garrison": {"Facility"},
}
# "that umbrella organization": a modifier that narrows what the description can stand for
ANAPHOR_NARROWING = {"umbrella": {"Coalition"}}
ANAPHOR_DETERMINERS = {"the", "that", "this"}
# Words that open a new clause: a back-reference within one sentence must be in a later clause.
CLAUSE_BOUNDARIES = {",", ";", ":", "when", "after", "before", "because", "while", "and", "but", "as", "since",
                     "until", "which", "who", "whose", "although", "though", "whereas", "so", "–", "—"}
# Words between the determiner and the head noun that keep it a back-reference ("the same group").
ANAPHOR_MODIFIERS = {"same", "air", "military", "umbrella", "armed", "militant", "militia", "shia", "shiite", "sunni", "paramilitary",
                     "hardline", "powerful", "latter", "former", "new", "little-known", "shadowy", "obscure"}
# After the head noun, these make it a new description, not a back-reference ("the group of states",
# "the group that claimed", "the group Liwa X": a name follows).
ANAPHOR_BLOCKERS = {"of", "that", "which", "who", "known", "called", "named", "behind", "responsible"}
# "the new faction": refers to a group the report introduced, not one the knowledge base knew
NEW_MODIFIERS = {"new", "little-known", "shadowy", "obscure"}
# A pronoun refers back only as the subject of an act or a relation the rules read: "it was led by",
# "they fired". Words allowed between the pronoun and that verb:
PRONOUNS: dict[str, set[str]] = {"it": {"ArmedGroup", "Coalition", "Organization"}, "they": {"ArmedGroup"},
                                  "itself": {"ArmedGroup", "Coalition", "Organization"},
                                  "its": {"ArmedGroup", "Coalition", "Organization"}}
# A reflexive pronoun always refers to its clause's subject: "describing itself as part of X", "X, itself a
# member of Y". A possessive refers back only before a word for the group's head: "its leader is Y".
REFLEXIVES = {"itself"}
POSSESSIVES = {"its"}
HEAD_WORDS = {"leader", "commander", "head", "chief", "founder"}
# "its member factions: A, B and C", "its spokesman, X": other words a possessive "its" refers back before
POSSESSED_WORDS = HEAD_WORDS | {"member", "members", "founding", "spokesman", "spokesperson", "spokeswoman",
                                "weapons", "arms", "rockets", "drones", "funding", "money",  # "its weapons are supplied by"
                                "fighters", "men", "ranks"}  # "its fighters are close to Y"
AUXILIARIES = {"was", "is", "has", "had", "were", "are", "have", "also", "then", "later", "previously",
               "had", "been", "once", "itself", "themselves", "reportedly", "allegedly", "subsequently",
               "believed", "thought", "understood", "suspected", "known", "alleged", "to", "a", "an", "be"}
PRONOUN_VERBS = {"one", "led", "leads", "ran", "runs", "founded", "commanded", "headed", "controlled", "directed",
                 "affiliated", "allied", "linked", "tied", "close", "loyal", "described", "wing", "offshoot",
                 "coordinated", "coordinates", "cooperates", "cooperated", "works", "worked", "fights", "fought", "joined", "belongs", "belonged", "part", "backed",
                 "claimed", "denied", "said", "says", "attacked", "fired", "launched", "struck", "targeted", "sent",
                 "carried", "conducted", "hit", "bombed", "shelled", "killed", "wounded", "operates", "operated",
                 "funded", "financed", "supported", "armed", "receive", "receives", "received", "registered", "fought",
                 "obtained", "obtains", "acquired", "gets", "got", "enrolled", "acted", "acts", "describes",
                 "calls", "called", "signed", "signs", "remains", "remained",
                 "front", "unit", "proxy", "cover", "brand", "facade", "label"}  # "it is a front for Y"
# "they said" is more often officials or witnesses than a group: a plural pronoun refers back only as the
# subject of an act or a relation.
SPEECH_VERBS = {"claimed", "denied", "said", "says"}

# Words that describe a group rather than name it: "Shia Muslim militias" is no group's name.
DESCRIPTOR_WORDS = {"shia", "shiite", "shi'ite", "sunni", "muslim", "muslims", "islamist", "islamic", "kurdish",
                    "arab", "christian", "yazidi", "turkmen", "local", "rival", "tribal", "armed", "pro", "anti",
                    "iraqi", "iranian", "syrian", "american", "western", "eastern", "northern", "southern",
                    "paramilitary", "militant", "new", "other", "several", "various", "these", "those", "-",
                    "turkish", "israeli", "jordanian", "kuwaiti", "saudi", "british", "french", "russian", "allied"}

LEADING_CUE = -100  # context value: the name starts at the first capitalised token after the cue words
ARABIC_UNIT_WORDS = ["Kataib", "Kata'ib", "Kata’ib", "Saraya", "Liwa", "Liwaa", "Harakat", "Jaish", "Asaib",
                     "Asa'ib", "Asa’ib", "Firqat", "Quwat", "Alwiyat", "Tanzim", "Jabhat", "Ansar", "Hizb",
                     "Kataeb", "Katibat", "Sarayat", "Alwiya", "Tashkil", "Tashkeel", "Hay'at", "Hay’at", "Hayat",
                     "Haiat", "Ashab", "Usbat", "Osbat", "Tajammu", "Majmu'at", "Majmouat", "Fawj", "Jund",
                     "Junud", "Jamaat", "Jama'at", "Harakah", "Thar", "Tha'r"]
GROUP_WORDS = ("faction", "group", "militia", "outfit", "brigade", "movement", "organization", "organisation",
               "cell", "network")
# Between a new name and its gloss: "X, or the Y Brigade", "X (the Y Brigade)", "X, also known as Y".
GLOSS_GAPS = [[",", "or", "the"], [",", "or"], ["(", "the"], ["("], [",", "also", "known", "as"], ["or", "the"],
              ["-", "the"], ["–", "the"], ["—", "the"], [",", "the"], ["-", "roughly", ",", "the"],
              [",", "roughly", ",", "the"], [",", "meaning"], [",", "which", "translates", "as"]]
AFTER_COPULA = -101  # context value: the name starts after the last "is"/"was" of the match
KIND_AFTER = -102  # context value: "the Tower 22 outpost" is named "Tower 22" (a one-word name keeps its kind word)
NAME_STOP = -103  # context value: the name ends at the first comma or lower-case word that is no name particle
NAME_PARTICLES = {"al", "el", "ad", "ash", "as", "an", "ar", "bin", "ibn", "abu", "abi", "-", "'", "’"}
# What a person is described as, in an apposition ("X al-Y, a spokesman for Z") or after "is" ("X al-Y is
# the group's deputy commander")
PERSON_ROLES = ("spokesman", "spokesperson", "spokeswoman", "commander", "commanders", "leader", "head", "chief",
                "founder", "official", "officer", "member", "deputy", "cleric", "businessman", "financier",
                "lawmaker", "mp", "minister", "adviser", "advisor", "director", "researcher", "analyst",
                "secretary", "fighter", "operative", "figure", "emir", "aide", "envoy", "ambassador")
# Titles and honorifics before a name, not part of it: "Sheikh X al-Y", "Brig. Gen. X al-Y"
PERSON_TITLES = {"Sheikh", "Hajj", "Haji", "Sayyid", "Sayed", "Mullah", "Imam", "President", "Prime", "Minister",
                 "General", "Gen", "Brig", "Brigadier", "Col", "Colonel", "Maj", "Major", "Lt", "Lieutenant", "Capt",
                 "Captain", "Dr", "Mr", "Mrs", "Ms", "Acting", "Deputy", "Commander", "Spokesman", "Secretary",
                 "Sen", "Senator", "Rep", "Ambassador", "Judge", "Ayatollah", "Grand", "Staff", ".", "Lt.", "Gen."}
# A site named by its owner or user ("the US base", "a Peshmerga base", "an Iraqi air base") is no name
FACILITY_KINDS = {"air", "airbase", "base", "airfield", "airport", "garrison", "oil", "gas", "power", "military",
                  "border", "refinery", "outpost", "plant", "crossing", "checkpoint", "compound", "depot",
                  "headquarters", "field", "oilfield"}
PERSON_ONLY_ROLES = ("spokesman", "spokesperson", "spokeswoman", "researcher", "analyst", "lawmaker", "professor",
                     "expert", "reporter", "journalist", "minister", "adviser", "advisor", "director", "officer",
                     "official", "envoy", "ambassador", "diplomat", "general", "colonel", "senator", "activist")
ARABIC_PERSON = [CAP, {**NAME, "OP": "*"}, {"LOWER": {"IN": ["al", "el"]}}, {"ORTH": "-"}, CAP]
# --- names the knowledge base lacks: (rule, class, pattern, how many trailing tokens are context) ----
NEW_NAME_RULES: list[tuple[str, str, list[dict[str, Any]], int]] = [
    ("group-named-unit", "ArmedGroup",
     [CAP, {**NAME, "OP": "*"}, {"TEXT": {"IN": ["Brigade", "Brigades", "Battalion", "Battalions", "Movement",
                                                 "Front", "Legion", "Corps", "Guards", "Companions", "Army"]}}], 0),
    ("group-described", "ArmedGroup",
     [CAP, {**NAME, "OP": "*"}, L("militia", "militias", "group", "faction", "militants", "brigade", "outfit")], 1),
    # Transliterated Arabic group names open with a unit word: "Kataib X" (brigades), "Saraya X"
    # (companies), "Liwa X" (brigade), "Harakat X" (movement), "Jaish X" (army), "Asaib X" (leagues).
    # "the Coordination Committee of the Iraqi Resistance", "the Resistance Coordination Commission": a body of
    # resistance factions is an umbrella
    ("coalition-resistance", "Coalition", [{"TEXT": {"IN": ["Coordination", "Committee", "Commission", "Council"]}},
                                           {**NAME, "OP": "*"}, {"LOWER": "the", "OP": "?"}, {**NAME, "OP": "*"},
                                           {"TEXT": "Resistance"}], 0),
    ("coalition-resistance", "Coalition", [{"TEXT": "Resistance"}, {"TEXT": {"IN": ["Coordination", "Committee",
                                                                                     "Commission", "Council"]}},
                                           {**NAME, "OP": "*"}], 0),
    ("group-arabic-unit", "ArmedGroup", [{"TEXT": {"IN": ARABIC_UNIT_WORDS}}, {**NAME, "OP": "+"}], 0),
    # "a faction calling itself X", "the group, which calls itself X", "an outfit known as X"
    ("group-self-named", "ArmedGroup", [L(*GROUP_WORDS), {"ORTH": ",", "OP": "?"},
                                        {"LOWER": {"IN": ["which", "that", "now", "also"]}, "OP": "?"},
                                        L("calling", "calls", "called", "styling", "styles", "naming", "names", "known"),
                                        {"LOWER": {"IN": ["itself", "themselves", "as"]}, "OP": "?"},
                                        CAP, {**NAME, "OP": "*"}], LEADING_CUE),
    # "led by Abu X al-Y", "headed by Z": a person's name follows
    ("person-led-by", "Person", [L("led", "headed", "commanded", "founded", "run", "directed"), L("by"), CAP,
                                 {**NAME, "OP": "+"}],
     -2),
    ("person-named-head", "Person", [L(*HEAD_WORDS), {"OP": "{0,8}"}, L("is", "was"), CAP, {**NAME, "OP": "+"}],
     AFTER_COPULA),
    ("facility-named", "Facility",
     [CAP, {**NAME, "OP": "*"}, {"LOWER": {"IN": ["military", "army"]}, "OP": "?"},  # "the Zilkan military base"
      {"LOWER": {"IN": ["air", "airbase", "base", "airfield", "airport", "garrison"]}},
      {"LOWER": "base", "OP": "?"}], 0),
    # "the Lanaz oil refinery", "the Tower 22 outpost": a site named before the word for what it is
    ("facility-kind", "Facility", [CAP, {**NAME, "OP": "*"},
                                   {"LOWER": {"IN": ["oil", "gas", "power", "military", "border"]}, "OP": "?"},
                                   L("refinery", "outpost", "airport", "airfield", "garrison", "plant", "crossing",
                                     "checkpoint", "compound", "depot", "headquarters", "field", "oilfield")], KIND_AFTER),
    # "the al-Omar oil field": a name that opens with its article
    ("facility-al-kind", "Facility", [L("al", "el"), {"ORTH": "-"}, CAP, {**NAME, "OP": "*"},
                                      L("oil", "gas", "air", "military", "border"),
                                      L("field", "base", "refinery", "crossing", "airfield")], 0),
    ("facility-camp", "Facility", [{"TEXT": "Camp"}, CAP, {**NAME, "OP": "*"}], 0),
    ("place-of", "Place", [L("town", "city", "village", "district", "province", "port", "area", "suburb",
                             "neighbourhood", "neighborhood", "region", "governorate"), {"LOWER": "of"}, PLACE_NAME,
                           {**NAME, "OP": "*"}], -2),
    # "near Bashiqa", "north of Tal Afar": what lies near or north of somewhere is a place
    ("place-near", "Place", [L("near", "outside"), PLACE_NAME, {**NAME, "OP": "*"}], -1),
    ("place-bearing", "Place", [L("north", "south", "east", "west", "northeast", "northwest", "southeast",
                                  "southwest"), {"LOWER": "of"}, PLACE_NAME, {**NAME, "OP": "*"}], -2),
    ("place-province", "Place", [CAP, {**NAME, "OP": "*"}, L("province", "governorate")], 1),
    # "Abu Hussein al-Shammari": a kunya (Abu X) with a family name (al-Y) is a person's name
    ("person-kunya", "Person", [{"TEXT": "Abu"}, CAP, {"LOWER": {"IN": ["al", "el"]}}, {"ORTH": "-"}, CAP], 0),
    # "Sheikh Hamid al-Saedi", "Hajj Mahdi al-Jubouri": an honorific before a name (the name is without it)
    ("person-honorific", "Person", [{"TEXT": {"IN": ["Sheikh", "Hajj", "Haji", "Sayyid", "Sayed", "Mullah", "Imam"]}},
                                    CAP, {**NAME, "OP": "*"}, {"LOWER": {"IN": ["al", "el"]}}, {"ORTH": "-"}, CAP], -1),
    # "a man named Hashim al-Jabouri", "a commander called X al-Y"
    ("person-named", "Person", [L("man", "woman", "commander", "officer", "cleric", "figure", "guerre", "alias",
                                  "activist", "lawyer", "journalist", "blogger", "judge", "doctor", "poet"),
                                {"LOWER": {"IN": ["named", "called", "nicknamed"]}, "OP": "?"}, CAP,
                                {**NAME, "OP": "*"}, {"LOWER": {"IN": ["al", "el"]}}, {"ORTH": "-"}, CAP], LEADING_CUE),
    # "the activist Zahraa Abbas", "journalist Ali Hassan": a full name after an occupation
    ("person-occupation", "Person", [L("activist", "lawyer", "journalist", "blogger", "judge", "doctor", "poet",
                                       "cleric", "researcher", "analyst", "academic"), CAP, CAP,
                                     {**NAME, "OP": "*"}], LEADING_CUE),
    # "Kamil al-Rikabi, a spokesman for X", "Sabah Nouri al-Mayyahi is the group's deputy commander",
    # "Hadi al-Amiri said": an Arabic name (with its "al-" family name) described by a role, or speaking
    ("person-role-apposed", "Person", [*ARABIC_PERSON, {"ORTH": ","}, L("a", "an", "the", "one", "its", "their"),
                                       {"OP": "{0,4}"}, L(*PERSON_ROLES)], NAME_STOP),
    # "Lina Haddad, a researcher at ...", "Mark Delaney, the Pentagon's spokesman": any two-word name
    # described by a role only a person has
    ("person-role-any", "Person", [{"TEXT": {"REGEX": r"^[A-Z][a-z]+$", "NOT_IN": ARABIC_UNIT_WORDS}}, CAP,
                                   {"ORTH": ","}, L("a", "an", "the"), {"OP": "{0,4}"}, L(*PERSON_ONLY_ROLES)],
     NAME_STOP),
    ("person-role-copula", "Person", [*ARABIC_PERSON, L("is", "was"), {"OP": "{0,5}"}, L(*PERSON_ROLES)], NAME_STOP),
    ("person-speaking", "Person", [*ARABIC_PERSON, L("said", "says", "told", "added", "stated")], NAME_STOP),
    ("person-appositive", "Person", [CAP, {**NAME, "OP": "+"}, {"ORTH": ","},
                                     L("commander", "leader", "head", "chief", "founder", "spokesman", "spokesperson")], 2),
    ("person-titled", "Person", [L("commander", "leader", "spokesman", "spokesperson", "founder", "chief"),
                                 CAP, {**NAME, "OP": "+"}], -1),
    # "Nujaba secretary-general Akram al-Kaabi", "its deputy, Ammar al-Fartousi": an Arabic name after a title
    ("person-after-title", "Person", [L("general", "deputy", "commander", "leader", "spokesman", "head", "chief"),
                                      {"ORTH": ",", "OP": "?"}, *ARABIC_PERSON], LEADING_CUE),
    # "Syrian President Ahmed al-Sharaa", "Governor Ali Hassan": a full name after a capitalised office
    ("person-office", "Person", [{"TEXT": {"IN": ["President", "Minister", "Governor", "Senator", "Ambassador",
                                                  "Premier", "Envoy"]}}, CAP, {**NAME, "OP": "+"}], -1),
    # "Jasim al-Mayahi, whom officials describe as ...": who, not which, follows a person
    ("person-who", "Person", [*ARABIC_PERSON, {"ORTH": ","}, L("who", "whom", "whose")], NAME_STOP),
    ("person-who", "Person", [{"TEXT": {"REGEX": r"^[A-Z][a-z]+$", "NOT_IN": ARABIC_UNIT_WORDS}}, CAP, {"ORTH": ","},
                              L("who", "whom", "whose")], NAME_STOP),  # "Rami Abdulrahman, who heads X"
]
