"""The rules for reading relations as data: the cue patterns (RELATION_RULES), which side of a cue holds
the subject, how far to look, and which classes each rule and relation may join.

Part of the pattern tables (kg/ingest/patterns.py re-exports every name here).
"""

from __future__ import annotations

from typing import Any

from kg.ingest.name_rules import HEAD_WORDS, L

ARMS_WORDS = ("weapons", "arms", "rockets", "drones", "missiles", "munitions", "ammunition", "explosives",
              "parts", "launchers", "components", "equipment")
RECEIVE_VERBS = ("receive", "receives", "received", "receiving", "gets", "got", "obtains", "obtained", "acquires",
                 "acquired", "draws", "drew")
FUNDS_WORDS = ("funds", "funding", "money", "financing", "cash", "salaries", "backing", "support")
JOINT_VERBS = ("fought", "fights", "fight", "fighting", "operates", "operated", "operate", "operating", "works",
               "worked", "work", "working", "cooperates", "cooperated", "coordinates", "coordinated")
# --- relations: (rule, predicate, pattern, which side is the subject) ----------------------------
# "right": the subject is the nearest actor after the cue, the object the nearest before it.
RELATION_RULES: list[tuple[str, str, list[dict[str, Any]], str]] = [
    ("x-backed-y", "backedBy", [{"ORTH": "-"}, L("backed", "sponsored", "supported", "funded", "aligned")], "right"),
    ("x-armed-y", "armedBy", [{"ORTH": "-"}, L("armed", "equipped", "supplied")], "right"),
    # "X, one of the most powerful pro-Iran factions": read with the phrase's head (see GENERIC_BACKING)
    ("pro-x", "backedBy", [L("pro"), {"ORTH": "-"}], "right"),
    # "Iran's proxy", "the U.S. main proxy group, X": a state's proxy is backed by it
    ("x-proxy", "backedBy", [{"ORTH": {"IN": ["'s", "’s"]}, "OP": "?"}, {"LOWER": {"IN": ["main", "key", "chief", "principal", "local", "largest", "top"]},
                              "OP": "?"}, L("proxy", "proxies")], "right"),
    ("backed-by", "backedBy", [L("backed", "supported", "funded", "sponsored", "financed", "bankrolled"),
                               {"LOWER": "by"}], "left"),
    ("armed-by", "armedBy", [L("armed", "equipped", "supplied", "trained"), {"LOWER": "by"}], "left"),
    ("backs", "backedBy", [L("backs", "supports", "funds", "sponsors", "finances", "bankrolls")], "right"),
    ("arms", "armedBy", [L("arms", "supplies", "equips", "supplied", "equipped", "supplying", "arming"),
                         {"LOWER": {"NOT_IN": ["by"]}}], "right"),
    # "X transferred missiles to Y", "X has sent drones to Y": the group after "to" is armed by X
    ("transfer-to", "armedBy", [L("transferred", "transfers", "transferring", "sent", "sends", "sending", "shipped",
                                  "shipping", "smuggled", "smuggling", "delivered", "delivering", "provided",
                                  "providing", "gave", "giving"),
                                {"OP": "{0,4}"}, L("weapons", "arms", "rockets", "drones", "missiles", "launchers",
                                                   "munitions"), L("to")], "right"),
    ("support-from", "backedBy", [L("support", "backing", "funding", "money", "money"), {"LOWER": "from"}], "left"),
    ("arms-from", "armedBy", [L("weapons", "arms", "rockets", "drones", "missiles"), {"LOWER": "from"}], "left"),
    ("member-of", "memberOf", [L("member", "members", "part", "faction", "factions", "component", "components",
                                 "formation", "formations", "brigade", "brigades", "groups"),
                               {"LOWER": {"IN": ["group", "groups", "faction", "factions"]}, "OP": "?"},  # "a member group of"
                               {"LOWER": "of"}], "left"),
    # "a proxy of Iran", "a proxy for Tehran"
    ("proxy-of", "backedBy", [L("proxy", "proxies"), L("of", "for")], "left"),
    # "a group aligned with Iran": a state's alignment is its backing (as "Iran-aligned" is)
    ("aligned-with", "backedBy", [L("aligned", "affiliated"), L("with", "to")], "left"),
    # "has close ties to Kataib Hezbollah"
    ("ties-to", "alliedWith", [L("close", "strong", "deep", "longstanding"), L("ties", "links", "relations"),
                               L("to", "with")], "left"),
    # "a wing of X", "a cover name for X", "an offshoot of X", "a front for X": a part of another group
    ("wing-of", "partOf", [L("wing", "offshoot", "branch", "arm", "splinter", "front", "name", "cell", "unit", "brand",
                             "facade", "façade", "division", "detachment"),
                           L("of", "for")], "left"),
    # "a cover name used by X", "a facade adopted by the X movement"
    ("name-used-by", "partOf", [L("name", "brand", "facade", "façade", "front", "label", "banner"),
                                L("used", "adopted", "created", "employed"), L("by")], "left"),
    # "X was most likely a Nujaba unit", "described as a Kataib Hezbollah front": the group named before the noun
    ("y-unit", "partOf", [L("unit", "front", "brand", "facade", "façade", "wing", "offshoot", "cell")], "left"),
    # "is funded and armed by X": the first verb's relation (the second is read by "armed-by")
    ("backed-and-by", "backedBy", [L("backed", "supported", "funded", "sponsored", "financed", "bankrolled"), L("and"),
                                   {"IS_ALPHA": True}, {"LOWER": "by"}], "left"),
    ("armed-and-by", "armedBy", [L("armed", "equipped", "supplied", "trained"), L("and"),
                                 {"IS_ALPHA": True}, {"LOWER": "by"}], "left"),
    # "works hand in hand with X", "cooperates with X", "operates alongside X"
    ("hand-in-hand", "alliedWith", [L("hand"), L("in"), L("hand", "glove"), {"ORTH": {"IN": ['"', "”", "’"]}, "OP": "?"},
                                    L("with")], "left"),
    # "X, which operates within the PMF as its 61st Brigade", "X sits inside the PMF through its brigades"
    ("operates-within", "memberOf", [L("operates", "operating", "operate", "serves", "serving", "sits", "sitting"),
                                     L("within", "inside", "under")], "left"),
    # "the Quds Force, which has armed and funded Nujaba for years": the one armed or funded follows
    ("has-armed", "armedBy", [L("has", "have", "had"), {"LOWER": {"IN": ["long", "also", "reportedly"]}, "OP": "?"},
                              L("armed", "equipped", "supplied", "trained")], "right"),
    ("has-funded", "backedBy", [L("has", "have", "had"), {"OP": "{0,2}"},
                                L("funded", "backed", "supported", "financed", "bankrolled", "sponsored")], "right"),
    # "Nujaba secretary-general Akram al-Kaabi"
    ("titled-secretary-general", "leaderOf", [L("secretary"), {"ORTH": "-"}, L("general")], "right"),
    # "the secretary-general of X"; "X's commander, Y"
    ("secretary-general-of", "leaderOf", [L("secretary"), {"ORTH": "-"}, L("general"), L("of")], "left"),
    ("group-head", "leaderOf", [{"LOWER": {"IN": ["militia", "group", "faction", "brigade", "brigades", "movement"]},
                                 "OP": "?"}, {"ORTH": {"IN": ["'s", "’s"]}},
                                L("commander", "leader", "head", "chief", "founder", "secretary"),
                                {"ORTH": "-", "OP": "?"}, {"LOWER": "general", "OP": "?"}], "right"),
    ("cooperates-with", "alliedWith", [L("cooperates", "cooperated", "cooperating", "coordinates", "coordinated",
                                         "coordinating", "collaborates", "collaborated"), L("with", "closely")], "left"),
    ("belongs-to", "memberOf", [L("belongs", "belong", "belonged", "belonging"), {"LOWER": "to"}], "left"),
    ("make-up", "memberOf", [L("make", "makes", "made", "making", "form", "forms", "formed"), L("up")], "left"),
    ("integrated-into", "memberOf", [L("integrated", "incorporated", "folded", "absorbed", "merged"),
                                     L("into", "in", "with")], "left"),
    ("umbrella", "memberOf", [L("umbrella", "banner"), {"LOWER": "of", "OP": "?"}], "left"),
    ("joined", "memberOf", [L("joined")], "left"),
    # "the committee, which groups A, B and C", "the umbrella under which A, B and others have claimed attacks"
    ("which-groups", "memberOf", [L("which", "that"), L("groups", "gathers", "unites", "brings", "encompasses"),
                                  {"LOWER": "together", "OP": "?"}], "right"),
    ("under-which", "memberOf", [L("umbrella", "banner", "name"), L("under"), L("which")], "right"),
    ("includes", "memberOf", [L("includes", "include", "including", "comprises", "comprising", "encompasses",
                                "encompassing", "grouping")], "right"),
    ("group-within", "memberOf", [L("group", "groups", "faction", "factions", "militia", "militias", "directorate",
                                    "unit", "units", "wing", "brigade", "brigades"),
                                  {"LOWER": {"IN": ["operating", "working", "based", "active", "embedded"]}, "OP": "?"},
                                  L("in", "within", "inside")], "left"),
    ("x-led-y", "leaderOf", [{"ORTH": "-"}, L("led")], "left"),
    ("titled-leader", "leaderOf", [L("commander", "leader", "chief", "head", "president", "secretary-general")], "right"),
    ("prime-minister", "leaderOf", [L("prime"), L("minister")], "right"),
    ("possessive-part", "partOf", [{"ORTH": {"IN": ["'s", "’s"]}}], "right"),
    ("leader-of", "leaderOf", [L("leader", "head", "commander", "chief", "founder", "secretary-general"),
                               {"LOWER": "of"}], "left"),
    ("leads", "leaderOf", [L("leads", "heads", "commands", "founded")], "left"),
    # "X had also led a smaller outfit, Y"; not "led by", "led to"
    ("had-led", "leaderOf", [L("led", "headed", "commanded"), {"LOWER": {"NOT_IN": ["by", "to"]}}], "left"),
    ("led-by", "leaderOf", [L("led", "headed", "commanded", "founded", "run", "directed"), {"LOWER": "by"}], "right"),
    # "Centcom, the US command in the region": an agency described as a state's is part of that state
    ("organ-apposition", "partOf", [{"ORTH": ","}, L("the")], "left"),
    # "is registered with X as a brigade", "was enrolled in X": on X's rolls, a member
    ("registered-with", "memberOf", [L("registered", "enrolled", "enlisted"), L("with", "in", "under")], "left"),
    # "is believed to receive rockets from X", "had received its drones through X"
    ("receives-from", "armedBy", [L(*RECEIVE_VERBS), {"OP": "{0,6}"}, L(*ARMS_WORDS),
                                  {"OP": "{0,8}"}, L("from", "through", "via")], "left"),
    # "receives funds, training and drone components from X": money is backing
    ("funds-from", "backedBy", [L(*RECEIVE_VERBS), {"OP": "{0,6}"}, L(*FUNDS_WORDS), {"OP": "{0,6}"},
                                L("from", "through", "via")], "left"),
    # "is supported by Iran through the Quds Force": the channel backs it too
    ("backed-through", "backedBy", [L("backed", "supported", "funded", "sponsored", "financed", "armed"), L("by"),
                                    {"OP": "{1,3}"}, L("through", "via")], "left"),
    # "It is also reportedly close to X": aligned with another group
    ("close-to", "alliedWith", [L("close", "closer", "closely"), L("to", "aligned", "tied")], "left"),
    # "has fought alongside X", "works closely with X": partners in the field
    ("fights-alongside", "alliedWith", [L(*JOINT_VERBS), {"LOWER": "closely", "OP": "?"}, L("alongside")], "left"),
    ("works-closely-with", "alliedWith", [L(*JOINT_VERBS), L("closely"), L("with")], "left"),
    # "Its leader, according to officials, is Y": the group before the head word, the person after the verb
    ("leader-is", "leaderOf", [L(*HEAD_WORDS), {"OP": "{0,8}"}, L("is", "was")], "right"),
    # "named its member factions: A, B, C and D", "X's founding members were A and B"
    ("members-list", "memberOf", [L("member", "founding", "constituent"), L("factions", "groups", "members",
                                                                            "organizations", "organisations", "militias"),
                                  {"LOWER": {"IN": [":", "include", "includes", "included", "are", "were", "as"]}}], "right"),
    # "the commission's spokesman, who uses the name X", "its spokesman X"; "X, a spokesman for Y"
    ("group-spokesman", "memberOf", [{"ORTH": {"IN": ["'s", "’s"]}, "OP": "?"},
                                     L("spokesman", "spokesperson", "spokeswoman")], "right"),
    ("spokesman-for", "memberOf", [L("spokesman", "spokesperson", "spokeswoman"), L("for", "of")], "left"),
    ("allied-with", "alliedWith", [L("allied", "ally", "allies", "allying", "partnered"),
                                   L("with", "of", "to")], "left"),
]
# Rules ending in a word that must not follow the cue ("arms X", not "arms by"): that word is not the cue's
LOOKAHEAD_RULES = {rule for rule, _, pattern, _ in RELATION_RULES if "NOT_IN" in pattern[-1].get("LOWER", {})}
# Rules whose other side must touch the cue ("Iran-backed", "U.S.-led", "Iraqi Prime Minister X").
# "X, the largest of the Iran-backed groups": the words that open such a describing phrase
GROUP_NOUNS = {"militia", "group", "faction", "brigade", "brigades", "movement", "organization", "organisation"}
APPOSITION_OPENERS = {"the", "a", "an", "one", "another", "itself"}
PLURAL_GROUP_NOUNS = {"groups", "factions", "militias", "organizations", "organisations", "movements"}
LIST_OPENERS = {"both", "all", "each"}  # "A and B, both part of Y": the phrase is about every name listed
APPOSITION_WORDS = 8  # lower-case words between the comma and the cue ("one of the most powerful of the")
APPOSITION_REACH = 8  # and, in "X, one of ... in Iraq and a member of Y", the words of the first phrase
# A phrase with these describes another relation: "X, a rival of the Iran-backed groups"
NOT_DESCRIBING = {"rival", "rivals", "enemy", "enemies", "foe", "foes", "opponent", "opponents", "critic", "critics",
                  "target", "targets", "victim", "victims", "former", "ex", "unlike", "not", "than", "against",
                  "fighting", "fought", "fights", "attacked", "struck", "hit", "said", "says", "which", "who", "that"}
# "X, one of the strongest Iran-backed armed factions": a backing cue before a common noun for groups
GENERIC_BACKING = {"x-backed-y", "x-armed-y", "pro-x"}
GENERIC_GROUPS = {"militias", "militia", "factions", "faction", "groups", "group", "brigades", "movements", "member",
                  "members", "ally", "allies", "partner", "partners", "proxy", "umbrella", "coalition", "alliance",
                  "organizations", "organisations", "proxies", "forces", "outfits", "networks", "paramilitaries"}
INDEFINITE_LEADS = {"a", "an", "one", "former", "ex", "senior", "another"}
ADJACENT_RULES = {"titled-secretary-general", "group-head", "group-spokesman", "leader-is", "organ-apposition", "x-proxy",
                  "x-backed-y", "x-armed-y", "x-led-y", "titled-leader", "prime-minister", "possessive-part"}
WHOSE_RULES = {"titled-secretary-general", "titled-leader"}  # "X, whose commander, Y,": X's head
# ", a member of Y,", ", the leader of Y,"
APPOSITIVE_RULES = {"member-of", "wing-of", "leader-of", "spokesman-for", "secretary-general-of", "proxy-of",
                    "aligned-with"}
MANY_RULES = {"includes", "members-list", "which-groups", "under-which"}
# "Iran backs both Kataib Hezbollah and Nujaba": every name listed after the cue is a subject
LISTED_AFTER_RULES = {"backs", "arms", "has-armed", "has-funded", "transfer-to"}
# The other side is the name right before the cue word, and the subject is the clause's, before a copula
NAMED_BEFORE_RULES = {"y-unit"}
USED_BY_FILLER = {"the", "a", "an", "unit", "units", "of", "wing", "cell", "members", "fighters", "commanders"}
DESCRIBED_AS = {"described", "describes", "identified", "identifies", "characterized", "characterised", "labelled",
                "labeled", "branded"}  # "whom he described as the leader of Y"
DESCRIBING_COPULAS = {"is", "was", "remains"}  # "X is the most powerful of the Iran-backed militias"
COPULAS = {"is", "was", "are", "were", "be", "been", "as", "remains"}
# Rules inside a noun phrase ("X, commander of Y", "Iran-backed Y"): a claim or denial in the clause
# around them is not about this relation.
PHRASE_RULES = {"which-groups", "under-which", "titled-secretary-general", "group-head", "secretary-general-of", "group-spokesman", "spokesman-for",
                "organ-apposition", "x-proxy", "x-backed-y", "x-armed-y", "x-led-y", "titled-leader", "prime-minister",
                "possessive-part", "leader-of"}
# tokens after the cue to look for the other side (default 8)
RELATION_WINDOW = {"group-head": 8, "includes": 16, "which-groups": 16, "under-which": 16, "led-by": 14, "members-list": 24, "group-spokesman": 10}
# "groups in Iraq launch attacks on X": the whole must follow the cue at once
OBJECT_NEXT = {"group-within", "organ-apposition"}
# "its leader is Y": the only cue a bare "its" may stand beside
POSSESSIVE_RULES = {"armed-by", "leader-is", "members-list", "group-spokesman", "close-to"}
SUBJECT_NEXT = {"possessive-part", "leader-is"}  # "Iran's Quds Force": the part follows the possessive at once
LEFT_WINDOW = 12  # tokens before the cue to look for the other side, within its clause
# Words that end the clause a relation's left side is looked for in.
CLAUSE_BREAKS = {";", "but", "while", "although", "though", "whereas", "because", "“", "”", '"'}
# A quotation opening right after these continues the clause: 'X was "a wing of Y"', 'described as "a front for Y"'
QUOTE_CONTINUES = {"is", "was", "are", "were", "as", "be", "been", "called", "calls", "described", "describes"}
# "The group is part of X ... and is nominally integrated into Y": the sentence's subject carries over
# to a verb phrase joined by "and".
COORDINATED_VERB_LEAD = {"is", "was", "are", "were", "has", "have", "had", "been", "also", "now", "later", "believed",
                         "thought", "said", "reported", "reportedly", "allegedly", "understood", "suspected", "to", "be",
                         "nominally", "formally", "officially", "effectively", "since", "then", "as", "signing",
                         "acting", "describing", "presenting", "styling", "itself", "themselves", "one", "of", "its"}
# Words after which a clause's subject is named: "analysts say the group works ... and is led by Y"
CLAUSE_OPENERS = {"say", "says", "said", "that", "believe", "believes", "think", "thinks", "added", "insist",
                  "insists", "note", "notes", "noted"}
# Narrower classes than the relation allows, for a rule's subjects and objects.
RULE_SUBJECTS = {"y-unit": {"ArmedGroup"}, "name-used-by": {"ArmedGroup"}, "titled-secretary-general": {"Person"}, "group-head": {"Person"}, "operates-within": {"ArmedGroup"},
                 "close-to": {"ArmedGroup"}, "group-spokesman": {"Person"}, "spokesman-for": {"Person"},
                 "members-list": {"ArmedGroup"}, "wing-of": {"ArmedGroup"}, "umbrella": {"ArmedGroup"},
                 "joined": {"ArmedGroup", "Person"}, "organ-apposition": {"StateAgency"},
                 # "Iran's Quds Force", "Iraq's Joint Operations Command"; not "Iraq's Iran-backed militias"
                 "possessive-part": {"StateAgency", "Organization", "Facility"}}
RULE_OBJECTS = {"y-unit": {"ArmedGroup"}, "name-used-by": {"ArmedGroup"}, "group-head": {"ArmedGroup", "Coalition"}, "operates-within": {"ArmedGroup", "Coalition"},
                "close-to": {"ArmedGroup"}, "group-spokesman": {"ArmedGroup", "Coalition"},
                "spokesman-for": {"ArmedGroup", "Coalition"}, "led-by": {"ArmedGroup", "Coalition", "Organization",
                                                                          "StateAgency"},
                "organ-apposition": {"State"}, "wing-of": {"ArmedGroup", "Coalition"},
                "aligned-with": {"State", "StateAgency"}, "ties-to": {"ArmedGroup"}}
PART_CLASSES = {"StateAgency", "Organization", "Facility"}
# Which classes each relation may join (subject classes, object classes).
RELATION_TYPES: dict[str, tuple[set[str], set[str]]] = {
    "backedBy": ({"ArmedGroup", "Coalition"}, {"State", "StateAgency", "ArmedGroup", "Coalition", "Organization"}),
    "armedBy": ({"ArmedGroup", "Coalition"}, {"State", "StateAgency", "ArmedGroup", "Organization"}),
    "memberOf": ({"ArmedGroup", "Person"}, {"ArmedGroup", "Coalition", "Organization", "StateAgency"}),
    "leaderOf": ({"Person", "State"}, {"ArmedGroup", "Coalition", "Organization", "StateAgency", "State"}),
    "partOf": ({"StateAgency", "Organization", "ArmedGroup", "Facility"}, {"State", "StateAgency", "Organization",
                                                                          "ArmedGroup", "Coalition"}),
    "alliedWith": ({"ArmedGroup", "State", "Coalition"}, {"ArmedGroup", "State", "Coalition"}),
}
