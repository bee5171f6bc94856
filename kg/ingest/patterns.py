"""The extraction rules as data: spaCy Matcher token patterns and small word tables, each named.

Change a rule here, not in the code that applies it. `L(...)` is a token whose lower-case form is one
of the words given.
"""

from __future__ import annotations

from typing import Any


def L(*words: str) -> dict[str, Any]:
    return {"LOWER": {"IN": list(words)}}


from kg.ingest.name_rules import (  # noqa: F401  (the tables the name finder reads, re-exported)
    ABBREVIATIONS,
    AFTER_COPULA,
    ANAPHORS,
    ANAPHOR_BLOCKERS,
    ANAPHOR_DETERMINERS,
    ANAPHOR_MODIFIERS,
    ANAPHOR_NARROWING,
    ARABIC_UNIT_WORDS,
    AUXILIARIES,
    CAP,
    CLAUSE_BOUNDARIES,
    DESCRIPTOR_WORDS,
    FACILITY_KINDS,
    GLOSS_GAPS,
    GROUP_WORDS,
    HEAD_WORDS,
    KIND_AFTER,
    LEADING_CUE,
    NAME,
    NAME_PARTICLES,
    NAME_STOP,
    PERSON_TITLES,
    NEW_MODIFIERS,
    NEW_NAME_RULES,
    NOT_NAME_START,
    POSSESSED_WORDS,
    POSSESSIVES,
    PRONOUNS,
    PRONOUN_VERBS,
    REFLEXIVES,
    SPEECH_VERBS,
)

# --- events -------------------------------------------------------------------------------------------
# trigger word -> class; None: Strike when a state carries it out, else Attack
EVENT_TRIGGERS: dict[str, str | None] = {
    "attack": "Attack", "attacks": "Attack", "attacked": "Attack", "bombing": "Attack", "shelling": "Attack",
    "ambush": "Attack", "raid": "Attack", "assault": "Attack", "airstrike": "Strike", "airstrikes": "Strike",
    "strike": "Strike", "strikes": "Strike", "struck": None, "hit": None, "bombed": None,
    "fired": None, "launched": None, "shelled": None,
    "assassination": "AssassinationAttempt", "assassinated": None, "killed": None,
    "landed": "Attack", "exploded": "Attack", "impacted": "Attack", "slammed": "Attack",
    "tore": "Attack", "ripped": "Attack", "detonated": "Attack", "shot": "Attack", "gunned": "Attack",
    "disabled": "Attack", "destroyed": "Attack", "damaged": "Attack", "targeted": None, "blew": "Attack",
    "wrecked": "Attack", "clash": "Attack", "clashes": "Attack", "clashed": "Attack", "firefight": "Attack",
    "gunfight": "Attack", "skirmish": "Attack", "opened": "Attack",
    "planted": "Attack", "sent": None, "flew": None, "lobbed": "Attack", "hurled": "Attack", "blast": "Attack",
    "explosion": "Attack", "bombardment": "Strike", "barrage": "Attack",
    "ambushed": "Attack", "went": "Attack", "rained": "Attack", "crashed": "Attack",
}
# ... and those that do only with a weapon after them: "planted a roadside bomb", "sent two drones at X"
OBJECT_WEAPON_TRIGGERS = {"planted", "sent", "flew", "lobbed", "hurled"}
BACK_POINTING = {"the", "that", "this", "those", "these", "its", "their", "his", "her", "any", "no"}
# Acts that single out a person: with one named right after, an assassination attempt
TARGETED = {"shot", "gunned", "opened", "assassinated", "stabbed", "kidnapped", "abducted"}
OWNED_THINGS = {"car", "cars", "convoy", "motorcade", "vehicle", "house", "home", "office", "residence"}  # "car of X"
# Triggers that tell of an attack only with the word after them: "shot dead", "gunned down" (not "shot down")
PARTICLE_TRIGGERS = {"shot": {"dead"}, "gunned": {"down"}, "opened": {"fire"}, "went": {"off"}, "crashed": {"into"}}
# Aircraft named as the doer make an act a state's: "F-15E jets struck two buildings"
AIRCRAFT_WORDS = {"jets", "jet", "aircraft", "warplanes", "warplane", "planes", "bombers", "helicopters", "gunship",
                  "gunships", "fighter"}  # not "fighters": "unidentified fighters fired rockets" are militants
# "for several months", "in recent weeks": a span of time, over which acts are counted, not told
DURATION_WORDS = {"days", "weeks", "months", "years"}
# Words for a weapon the knowledge base may not list: "a roadside bomb tore through", "a car bomb exploded"
WEAPON_NOUNS = {"bomb", "bombs", "device", "ied", "explosive", "explosives", "mine", "grenade", "rocket", "rockets",
                "drone", "drones", "missile", "missiles", "shell", "shells", "mortar", "mortars", "grenades",
                "bomber"}  # "a suicide bomber blew himself up" (not "bombers": aircraft)
# Triggers that tell of an event only with their agent right before them, in the active voice: "a
# drone killed two fighters", "the militia killed a guard"; not "two were killed", "killed 14 over years".
AGENT_TRIGGERS = {"killed"}
# ... and those that do only with a weapon right before them: "three rockets landed inside the camp"
WEAPON_TRIGGERS = {"landed", "exploded", "impacted", "slammed", "tore", "ripped", "detonated", "disabled", "destroyed",
                   "damaged", "blew", "wrecked", "went", "rained", "crashed"}
GENERAL_TRIGGERS = {"attack", "attacks"}  # the word for any hostile act, a strike included
BACKREF_PLACE_WINDOW = 8  # "the attack" told again: only a place this close (tokens) is its own
# Words that open a clause telling an event of its own; after the second set it shares the sentence's time.
RELATIVE_WORDS = {"who", "which", "when", "whom"}
TIME_RELATIVES = {"when"}
STATE_CLASSES = {"State", "StateAgency", "Coalition"}
ACTOR_CLASSES = {"ArmedGroup", "State", "StateAgency", "Coalition", "Organization", "Person"}
PLACE_CLASSES = {"Facility", "Place"}
# Words before a plural trigger that make it a tally of many events, not one event.
# A sentence about the past before the story ("previously", "years ago"): its undated events are not
# dated by the story's current time.
BACKGROUND_CUES = {"previously", "formerly", "once", "ago", "history", "historically", "past"}
# Before a trigger: the act is possible, planned or habitual, not one event that happened.
TREND_VERBS = {"surged", "rose", "resumed", "declined", "spiked", "dropped", "fell", "increased", "decreased", "slowed",
               "subsided", "intensified", "escalated", "tapered"}
NESTING_WORDS = {"in", "near", "outside", "inside", "of"}  # "X in Anbar", "X near Erbil", "the outskirts of Y"
TIMES_OF_DAY = {"dawn", "daybreak", "sunrise", "noon", "midday", "sunset", "dusk", "midnight", "nightfall"}
NEGATIONS = {"not", "never", "n't"}
# "never claimed the attack", "did not say who fired": the negation is of the word between, not of the act
NEGATED_ELSEWHERE = {"claimed", "claim", "claims", "claiming", "said", "say", "says", "confirmed", "confirm",
                     "blamed", "blame", "know", "knew", "known", "rule", "ruled", "identify", "identified", "comment"}
# Words inside a definite phrase naming an act already known: "the Ain al-Asad or Erbil attacks"
PHRASE_FILLER = {"-", "al", "el", "or", "and", "drone", "rocket", "deadly", "latest", "recent", "twin", "two", "three",
                 "weekend", "overnight", "earlier", "last", "previous", "first", "second"}
FREQUENCY_AFTER = {"repeatedly", "regularly", "frequently", "routinely", "often", "periodically"}
IRREALIS_CUES = {"could", "would", "might", "may", "option", "options", "plan", "plans", "planned", "threat",
                 "threatened", "threatens", "expected", "possible", "regularly", "often", "frequently", "routinely",
                 "repeatedly", "if", "unless", "whether", "planning", "plotting", "preparing", "intended", "intending"}
BARE_ACTS = {"attack", "strike", "target", "hit", "bomb", "shell", "fire", "launch", "kill", "assassinate"}  # "to X"
ASPECTUAL = {"began", "begun", "started", "continued", "went", "on", "managed", "tried", "attempted", "drones",
             "rockets", "missiles", "came", "moved", "proceeded"}  # "began to fire", "used drones to attack": done
FUTURE_BEFORE = {"further", "repeat", "future", "more"}  # "further attacks are LIKELY": acts to come
LIKELIHOOD_AFTER = {"likely", "unlikely", "possible", "probable", "expected", "anticipated", "feared"}
PLACE_REACH = 20  # tokens past the act within which its place is named
OWN_MEN = {"fighters", "members", "mujahideen", "forces", "units", "men", "drones", "rockets", "missiles", "teams",
           "squads", "brigades", "operatives"}  # "its fighters had targeted": a group's own
GROUP_CLASSES = {"ArmedGroup", "Coalition"}
HOSTING = {"hosts", "hosting", "houses", "housing"}  # "a base hosting X": what a place holds
# "protesters killed in 2019": a transitive act with one of these after it has no object
REDUCED_RELATIVE_NEXT = {"in", "on", "during", "by", "at", "since", "last", "when", "while", "as", "after", "before"}
# "from areas outside the Kurdistan Region": a place the act did not happen in
NOT_THERE = {"outside", "beyond"}
AGGREGATE_CUES = {"their", "increased", "stepped", "intensified", "escalating", "campaign", "frequency", "string", "series", "wave", "dozens", "hundreds", "scores", "number", "minimum", "more",
                  "least", "several", "many", "multiple", "since", "total", "than"}
PERPETRATOR_AFTER = {"by"}
MEN_OF = {"fighters", "members", "militants", "gunmen", "elements", "men", "operatives", "cells", "cell", "units"}
ANOTHER_WORDS = {"another", "second", "third", "separate", "new"}  # "another attack": not one already told
# Passive voice: a form of "be" before the trigger ("the base was struck", "had been hit") makes the
# actor before it the one acted on; the actor comes after "by". "came under attack" is passive too.
PASSIVE_AUX = {"was", "were", "been", "being", "is", "are", "be", "got", "gets"}
PASSIVE_SKIP = {"also", "again", "reportedly", "repeatedly", "twice", "previously", "allegedly", "not", "never",
                "recently", "later", "then", "first", "just"}
UNDER_ATTACK = [L("came", "come", "comes", "coming", "was", "were"), L("under")]
# "... was carried out by X", "conducted by X": the participle before "by" whose agent is the perpetrator
# "facilities used by X", "an area held by X": a by-phrase of another participle names no attacker
NOT_AGENT_PARTICIPLES = {"used", "held", "controlled", "operated", "owned", "run", "occupied", "backed", "funded",
                         "supported", "armed", "manned", "guarded", "frequented", "built", "founded", "led", "hit",
                         "targeted", "wounded", "killed", "injured"}
# "a handful of ISIS attacks this year", "a string of attacks": a tally of acts, not one event
TALLY_WORDS = {"handful", "series", "string", "wave", "spate", "number", "dozens", "scores", "hundreds", "several",
               "many", "frequent", "regular", "repeated", "occasional", "sporadic", "numerous", "multiple", "past",
               "recent", "previous", "earlier", "similar", "such", "other", "some"}
# "(Baghdad time)", "Baghdad-time": a place named in a clock time is no location
CLOCK_WORDS = {"time", "local"}
AGENT_PARTICIPLES = {"out", "conducted", "launched", "staged", "mounted", "fired", "executed", "perpetrated",
                     "committed", "orchestrated", "organized", "organised", "planned"}
# A third party's blame: the actor after these words, or before the second set.
BLAME_BEFORE = {"blamed", "blames", "blaming", "attributed", "accused", "accuses", "accusing", "suspect", "suspects",
                "finger"}  # "pointed the finger at X"
BLAME_AFTER = {"behind", "responsible", "suspected"}
# "X is widely believed to be behind it": words that may stand between the one blamed and "behind"
BLAME_HEDGES = {"is", "was", "are", "were", "widely", "believed", "thought", "said", "suspected", "to", "be", "been",
                "likely", "probably", "also", "seen", "as", "the", "group", "militia", "faction"}
LOCATOR_WORDS = {"near", "outside", "beside", "from"}  # "Camp X near Y airport": Y only says where X is
DATELINE_DASHES = {"—", "–", "-", "("}  # "CITY, DATE — text", "CITY, DATE (Agency) -"
# "said on Tuesday it had ...": the day of the telling, not of the act, where the sentence dates the act too
SPEECH_DATE_VERBS = {"said", "says", "announced", "stated", "told", "confirmed", "claimed", "reported",
                     "died", "succumbed"}  # dates of a statement, or of a death after the act
BOUNDARY_WORDS = {"since", "until", "till", "before", "deadline", "expired"}
# Verbs that make the actor before them the one who acted, and verbs of reacting to what others did.
AGENT_VERBS = {f"{stem}{end}" for stem in ("launch", "conduct", "stage", "mount", "execute", "attack", "target",
                                            "bomb", "shell", "order", "unleash", "claim", "fire")
               for end in ("", "s", "es", "ed", "d")} | {"carried", "carry", "carries", "struck", "strike", "hit",
                                                        "hits", "shot", "began", "begin"}
OBJECT_MARKERS = {"kill", "killing", "killed", "attack", "attacking", "target", "targeting", "hit", "hitting",
                  "strike", "striking", "against", "on", "at", "near", "toward", "towards", "into", "pressure",
                  "pressuring", "protect", "protecting", "defend", "defending"}
TRIGGER_VERBS = {"struck", "fired", "attacked", "launched", "hit", "bombed", "shelled", "targeted", "killed",
                 "assassinated", "shot", "gunned"}
REACTION_VERBS = {"following", "condemned", "denounced", "criticised", "criticized", "said", "says", "blamed", "denied",
                  "called", "responded", "warned", "investigating", "investigated", "reported", "after"}
VERBISH = {"is", "was", "has", "had", "will", "would", "says", "said", "told", "and", "or", "to", "in", "on"}
MODIFIER_WORDS = {"backed", "aligned", "supported", "sponsored", "linked", "affiliated", "allied", "led", "armed",
                  "run", "owned", "operated", "controlled", "based", "made"}  # "X-backed Y": X only qualifies Y
# After a state's name, words that make it a qualifier: "U.S. bases were hit" hit bases, not the state.
MEMBER_NOUNS = {"members", "fighters", "militants", "operatives", "commanders", "leaders", "officers", "soldiers",
                "member", "fighter", "commander", "leader", "officer"}
STATE_NOUNS = {"base", "bases", "forces", "troops", "soldiers", "personnel", "embassy", "consulate", "convoy",
               "convoys", "interests", "positions", "service", "servicemembers", "diplomats", "facilities",
               "facility", "compound", "outpost", "outposts", "patrol", "patrols", "installations"}
DEMONYM_ENDINGS = ("i", "ian", "an", "ese", "ish")  # "Iraqi forces", "Iranian officials", "American troops"
TARGET_BEFORE = {"on", "against", "targeting", "at", "near", "hit", "struck", "targeted"}
PLACE_NOUNS = {"town", "city", "village", "district", "province", "governorate", "area", "region", "outskirts"}
LIST_JOINERS = {",", "and", "or", "the", "a", "an"}  # between the names of a list: "X, Y and the Z"
IN_WORDS = {"in", "inside", "across", "throughout"}
# "X struck ... after an attack on ...": a sequence cue, a response only where an event of another class
# is told before it in the sentence (see SEQUENCE_CUES).
SEQUENCE_CUES = [[L("after", "following", "before"), L("a", "an", "another", "the", "last", "this", "that", "previous",
                                             "earlier", "recent", "repeated", "deadly", "several", "two", "three"),
                  {"OP": "{0,3}"}, L(*(w for w in ("attack", "attacks", "strike", "strikes", "airstrike",
                                                   "airstrikes", "bombing", "raid", "ambush", "assault")))]]
FEW_DAYS = {"days", "weeks"}  # "days after X": X in the same month as the date told, when no closer day is given
SHORT_INTERVAL = {"hours", "hour", "minutes", "shortly", "moments", "soon", "just"}  # "came hours after"
RESPONSE_CUES = [[L("came", "come", "comes", "followed", "follows"), {"OP": "{0,3}"}, L("after")],
                 [L("in", "a", "as"), L("response", "retaliation", "reply"), L("to", "for")],  # "was a response to"
                 [L("responding", "retaliating", "answering")], [L("retaliatory")], [L("avenge", "avenging")]]
ORDER_CUES = [[{"LOWER": "at"}, {"OP": "{1,4}"}, {"LOWER": {"IN": ["direction", "orders", "order"]}}],
              [L("ordered", "authorized", "authorised")]]
CASUALTY_WORDS = {"killed": "killed", "killing": "killed", "dead": "killed", "died": "killed",
                  "fatalities": "killed", "deaths": "killed", "wounded": "wounded", "wounding": "wounded",
                  "injured": "wounded", "injuring": "wounded", "injuries": "wounded"}
# "no one was hurt", "no casualties", "without injuries": a toll of zero, for the roles the last word names
# "no one was hurt": no harm of any kind, so no one killed either; "no injuries" says only that none
# were wounded (as data/ reads it)
NO_HARM_ROLES = {"casualties": ("killed", "wounded"), "hurt": ("killed", "wounded"), "injured": ("wounded",),
                 "injuries": ("wounded",), "wounded": ("wounded",), "killed": ("killed",), "deaths": ("killed",),
                 "fatalities": ("killed",), "harmed": ("killed", "wounded")}
BOTH_WORDS = {"neither", "both"}  # "neither attack", "both strikes": the last two events told
NO_HARM_CUES = [[L("neither"), {"OP": "{0,3}"}, L("in", "caused", "causing"), L(*NO_HARM_ROLES)],
                [L("no", "without", "zero"), {"LOWER": {"IN": ["immediate", "reported", "serious", "american",
                                                                "u.s.", "us", "damage", "or", "and", "reports",
                                                                "of", "word"]}, "OP": "*"},
                 L(*NO_HARM_ROLES)],
                [L("no", "nobody"), L("one", "personnel", "troops", "soldiers", "service", "members", "was", "were"),
                 {"OP": "{0,3}"}, L(*NO_HARM_ROLES)]]
CASUALTY_NOUNS = {"dead", "fatalities", "deaths", "injuries"}  # the figure comes before these
NUMBER_WORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
                "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "a dozen": 12}

from kg.ingest.relation_rules import (  # noqa: F401  (the relation tables, re-exported)
    ADJACENT_RULES,
    APPOSITION_OPENERS,
    APPOSITION_REACH,
    APPOSITION_WORDS,
    APPOSITIVE_RULES,
    ARMS_WORDS,
    CLAUSE_BREAKS,
    CLAUSE_OPENERS,
    COPULAS,
    DESCRIBED_AS,
    DESCRIBING_COPULAS,
    COORDINATED_VERB_LEAD,
    FUNDS_WORDS,
    GENERIC_BACKING,
    GENERIC_GROUPS,
    GROUP_NOUNS,
    INDEFINITE_LEADS,
    JOINT_VERBS,
    LIST_OPENERS,
    LISTED_AFTER_RULES,
    LOOKAHEAD_RULES,
    LEFT_WINDOW,
    MANY_RULES,
    NAMED_BEFORE_RULES,
    NOT_DESCRIBING,
    OBJECT_NEXT,
    PART_CLASSES,
    PHRASE_RULES,
    PLURAL_GROUP_NOUNS,
    POSSESSIVE_RULES,
    QUOTE_CONTINUES,
    RECEIVE_VERBS,
    RELATION_RULES,
    RELATION_TYPES,
    RELATION_WINDOW,
    RULE_OBJECTS,
    RULE_SUBJECTS,
    SUBJECT_NEXT,
    USED_BY_FILLER,
    WHOSE_RULES,
)

# Speech cues whose object follows them: the one speaking is before them ("officials blamed X").
SPEAKER_REACH = 12  # tokens before a speech verb its speaker may stand, past an apposition
AFTER_SPEAKER = {"on", "in", "at", "late", "early", "last", "this", "told", "said", "spokesman", "spokesperson"}
OBJECT_CUES = {"blamed", "accused", "cited", "blames", "accuses"}
# --- stance: (stance, pattern); the first stance with a cue in the sentence wins --------------------
STANCE_RULES: list[tuple[str, list[dict[str, Any]]]] = [
    ("unclaimed", [L("never", "not", "no", "nobody"), {"OP": "{0,2}"}, L("claimed", "claim", "claims")]),  # "no group has claimed"
    # "X issued no statement", "declined to comment": nobody said anything, the report's own voice
    ("unclaimed", [L("no"), L("statement", "comment", "word")]),
    ("unclaimed", [L("declined", "refused"), L("to"), L("comment")]),
    ("denied", [L("denied", "denies", "deny", "denying")]),
    # "rejected reports that it receives weapons from X", "dismissed claims that ..."
    ("denied", [L("rejected", "rejects", "dismissed", "dismisses", "refuted", "refutes", "disputed", "disputes"),
                L("reports", "claims", "accusations", "allegations", "suggestions", "charges", "assertions", "the")]),
    ("claimed", [L("claimed", "claims", "claiming"), L("responsibility", "credit")]),
    ("claimed", [L("took", "takes", "claimed"), L("responsibility", "credit")]),
    ("claimed", [L("claimed", "claims", "claiming"), L("to"), L("have")]),  # "claimed to have fired on X"
    # "a statement claiming Monday's attack": a claim of the act itself
    ("claimed", [L("claimed", "claims", "claiming"), {"OP": "{0,5}"}, L("attack", "attacks", "bombing", "raid",
                                                                       "ambush", "assault", "operation", "operations",
                                                                       "strike", "strikes")]),
    ("alleged", [L("allegedly", "reportedly", "purportedly", "apparently", "presumably", "suspected",
                   "believed", "thought", "likely", "alleged", "possibly")]),
    ("alleged", [L("is", "was", "are", "were"), L("reported", "said", "rumoured", "rumored"), L("to")]),  # "is said to"
    ("attributed", [L("said", "says", "say", "told", "stated", "announced", "statement", "blamed", "accused", "described",
                      "assessed", "according", "confirmed", "warned", "estimated", "cited", "attributed",
                      "attributes", "holds")]),
    ("attributed", [L("pointed", "points"), L("the"), L("finger")]),
]
