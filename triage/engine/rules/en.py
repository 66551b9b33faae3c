"""English triage rules: a curated slice of the Suicide Risk Lexicon plus hand-written patterns.

Everything here is data a clinician can review. The lexicon phrases are read from
triage/lexicon/lexicon_validated.csv (Apache-2.0, see triage/README.md); this file says which
lexicon constructs we use, how they map onto ours, and which phrases we keep or drop.
Patterns are Python regular expressions, matched case-insensitively; a plain ' in a pattern
also matches a typographic apostrophe or none at all ("I'm", "I’m", "Im").
"""

# ruff: noqa: E501
# Rule patterns stay on one line each to be read as a table; ’ is matched on purpose.

from __future__ import annotations

from triage.engine.rules.common import (
    ABUSE_VIOLENCE,
    ACTIVE_IDEATION,
    CONCERN_FOR_OTHER,
    HARM_TO_OTHERS,
    HOPELESSNESS,
    IDIOM,
    INTENT,
    LONELINESS_ISOLATION,
    METHOD_MEANS,
    PASSIVE_IDEATION,
    PLAN,
    PRIOR_ATTEMPT,
    PROTECTIVE_FACTOR,
    SELF_HARM,
    TIMEFRAME,
    Rule,
)

# ---------------------------------------------------------------------------------------
# Suicide Risk Lexicon v1.0: which columns we read and what they become.
# ---------------------------------------------------------------------------------------

# Lexicon construct -> our construct, and whether every phrase is taken (True) or only
# the phrases listed in LEXICON_KEEP (False). Broad constructs (violence, loneliness,
# hopelessness) are allow-listed because most of their single words fire on ordinary text.
LEXICON_CONSTRUCTS: dict[str, tuple[str, bool]] = {
    "Passive suicidal ideation": (PASSIVE_IDEATION, True),
    "Active suicidal ideation & suicidal planning": (ACTIVE_IDEATION, True),
    "Lethal means for suicide": (METHOD_MEANS, False),
    "Direct self-injury": (SELF_HARM, False),
    "Other suicidal language": (PASSIVE_IDEATION, False),
    "Loneliness & isolation": (LONELINESS_ISOLATION, False),
    "Hopelessness": (HOPELESSNESS, False),
    "Burdensomeness": (PASSIVE_IDEATION, False),
    "Entrapment & desire to escape": (HOPELESSNESS, False),
    "Physical abuse & violence": (ABUSE_VIOLENCE, False),
    "Sexual abuse & harassment": (ABUSE_VIOLENCE, False),
    "Bullying": (ABUSE_VIOLENCE, False),
}

# Phrases kept from the allow-listed constructs, by lexicon construct.
LEXICON_KEEP: dict[str, frozenset[str]] = {
    "Lethal means for suicide": frozenset(
        {
            "9mm",
            "anti freeze",
            "antifreeze",
            "asphyxiation",
            "benzodiazepine",
            "burning charcoal",
            "car exhaust",
            "carbon monoxide",
            "charcoal burning",
            "cyanide",
            "drink pesticide",
            "firearm",
            "gas inhalation",
            "gun",
            "handgun",
            "helium",
            "inert gas",
            "lethal injection",
            "muscle relaxer",
            "noose",
            "opiate",
            "over the counter drug",
            "overdose",
            "overdosing",
            "pesticide",
            "pistol",
            "precipice",
            "revolver",
            "rope",
            "sedative",
            "shotgun",
            "suicide bag",
            "taking all the pills",
            "tall building",
            "razor",
            "blade",
            "pills",
            "bridge",
            "cliff",
            "skyscraper",
            "high place",
            "knife",
            "narcotics",
            "prescription drug",
            "jumping off",
        }
    ),
    "Direct self-injury": frozenset(
        {
            "NSSI",
            "bang my head",
            "banging my head",
            "bash my head",
            "bit myself",
            "biting myself",
            "burn my face",
            "burn my hand",
            "burn my skin",
            "burn myself",
            "carve my skin",
            "choking myself",
            "cut myself",
            "cutting my wrists",
            "electrocuting myself",
            "harm myself",
            "harmed myself",
            "hit myself",
            "hurt myself",
            "mutilate my",
            "punch myself",
            "self harm",
            "self injury",
            "self-harm",
            "self-injurious",
            "self-injury",
            "slice my wrist",
            "slit my wrists",
            "slitting my wrists",
            "urge to cut",
            "wound myself",
            "sticking a needle in my",
        }
    ),
    "Other suicidal language": frozenset(
        {
            "I deserve to die",
            "I should die",
            "begging to die",
            "can't live like this",
            "don't want to be here",
            "done with living",
            "done with my life",
            "done with this life",
            "if I live or die",
            "let me die",
            "life isn't worth living",
            "my death",
            "no point in living",
            "no reason to live",
            "nothing left to live for",
            "nothing to live for",
            "ready to die",
            "want to not be here",
            "what's the point of living",
            "when I'm gone",
            "wish I'd never been born",
            "won't matter if I die",
            "ending my life",
            "suicidal",
            "suicidal thoughts",
            "suicidal tendencies",
            "suicidality",
            "suicide",
            "I don't trust myself",
            "I'm not safe",
            "exit bag",
            "my final act",
            "it's my time to go",
            "I hate my life",
            "hate my life",
            "life is pointless",
            "sick of life",
            "sick of my life",
            "can't do this anymore",
            "can't take any more of this",
            "don't know how much longer I can",
            "breaking point",
            "the end of my rope",
            "life is over",
            "safety plan",
            "keeping me alive",
            "only thing keeping me going",
            "no one will miss me",
            "no way out",
        }
    ),
    "Loneliness & isolation": frozenset(
        {
            "I am alone",
            "I don't belong",
            "alienation",
            "alone",
            "don't have anyone",
            "don't have friends",
            "friendless",
            "have no one",
            "have nobody",
            "isolated",
            "isolation",
            "lonely",
            "loneliness",
            "lonesome",
            "no friends",
            "no one cares",
            "no one I can talk to",
            "no one to talk to",
            "no one to turn to",
            "no one wants me here",
            "nobody wants me here",
            "social isolation",
            "left out",
            "outcast",
            "nobody thinks about me",
            "no one misses me",
            "never there for me",
            "everybody would forget about me",
            "losing all my friends",
            "lost everyone",
        }
    ),
    "Hopelessness": frozenset(
        {
            "I don't have a future",
            "can't go on",
            "hopeless",
            "hopelessness",
            "lost hope",
            "no hope",
            "there's no hope",
            "no future",
            "no light at the end of the tunnel",
            "nothing can help",
            "without hope",
            "it'll never get better",
            "it'll never change",
            "beyond help",
            "unending misery",
            "no end to this",
            "futureless",
        }
    ),
    "Burdensomeness": frozenset(
        {
            "better off without me",
            "be better without me",
            "I should just disappear",
            "sorry for existing",
            "waste of space",
        }
    ),
    "Entrapment & desire to escape": frozenset(
        {"can't take it anymore", "no escape", "there is no escape", "there is no exit"}
    ),
    "Physical abuse & violence": frozenset(
        {
            "abusive",
            "beat me",
            "choking me",
            "hit me",
            "hits me",
            "kicked me",
            "punched me",
            "pushed me",
            "slapped me",
            "strangled me",
            "threatened me",
            "threw me",
            "was beaten",
            "physical abuse",
            "domestic violence",
            "child abuse",
            "hands on me",
            "shot me",
            "stabbing me",
            "attacking me",
            "knocked me",
            "used the belt",
            "spit in my face",
            "verbal abuse",
        }
    ),
    "Sexual abuse & harassment": frozenset(
        {
            "date rape",
            "forced me to have sex",
            "forced me to touch",
            "forced sex",
            "groped me",
            "molested me",
            "rape",
            "sexual assault",
            "sexual violence",
            "was abused",
            "non-consensual",
            "incest",
            "statutory rape",
            "he forced me to",
        }
    ),
    "Bullying": frozenset(
        {"bullied", "beat me up", "beat the shit out of me", "tell me to kill myself"}
    ),
}

# Phrases dropped even from the fully-taken constructs: they fire on ordinary text
# ("giving up smoking", "killing me" = "this homework is killing me", "cutting" = onions)
# or are too vague to be evidence on their own.
LEXICON_DROP: frozenset[str] = frozenset(
    {
        "escape from reality",
        "fade out",
        "fading away",
        "giving up",
        "lifeless",
        "oblivion",
        "rest in peace",
        "attempt",
        "cutting",
        "drowning",
        "killing me",
        "on the edge",
        "quick and easy",
        "quick and painless",
        "easy and painless",
        "suffocating my",
        "suffocation",
        "I'll die",
        "I'll be dead",
        "will be dead",
        "want to jump",
        "wreck my truck",
        "OD",
        "poison",
    }
)

# Lexicon phrases whose construct we change: the lexicon's "active ideation & planning"
# mixes thoughts, preparations and methods, which our tier rule treats differently.
LEXICON_RECONSTRUCT: dict[str, tuple[str, float]] = {
    # phrase: (construct, weight)
    "I wrote a suicide note": (PLAN, 2.0),
    "suicide note": (PLAN, 2.0),
    "make a will": (PLAN, 0.5),
    "write a will": (PLAN, 0.5),
    "giving away my possessions": (PLAN, 1.0),
    "exit plan": (PLAN, 1.0),
    "buying a gun": (PLAN, 1.0),
    "buying a rope": (PLAN, 1.0),
    "make it look like a accident": (PLAN, 1.0),
    "my final act": (PLAN, 1.0),
    "carbon monoxide": (METHOD_MEANS, 1.0),
    "overdose": (METHOD_MEANS, 1.0),
    "over dose": (METHOD_MEANS, 1.0),
    "overdosing": (METHOD_MEANS, 1.0),
    "taking all the pills": (METHOD_MEANS, 2.0),
    "exit bag": (METHOD_MEANS, 2.0),
    "crash my car": (ACTIVE_IDEATION, 0.5),
    "wreck my car": (ACTIVE_IDEATION, 0.5),
    "slam my car": (ACTIVE_IDEATION, 0.5),
    "self-harm": (SELF_HARM, 1.0),
    "suicide attempt": (PRIOR_ATTEMPT, 1.0),
    "tried OD": (PRIOR_ATTEMPT, 1.0),
    "tried to OD": (PRIOR_ATTEMPT, 1.0),
    "end it all": (ACTIVE_IDEATION, 1.0),
    "ending my life": (ACTIVE_IDEATION, 1.0),
    "suicidal": (ACTIVE_IDEATION, 1.0),
    "suicidal thoughts": (ACTIVE_IDEATION, 1.0),
    "suicidal tendencies": (ACTIVE_IDEATION, 1.0),
    "suicidality": (ACTIVE_IDEATION, 1.0),
    "I'm not safe": (ACTIVE_IDEATION, 1.0),
    "I don't trust myself": (ACTIVE_IDEATION, 0.5),
    "it's my time to go": (INTENT, 1.0),
    # A bare mention of suicide is worth a counselor's look but is not ideation yet.
    "suicide": (PASSIVE_IDEATION, 0.5),
    "my death": (PASSIVE_IDEATION, 0.5),
    "when I'm gone": (PASSIVE_IDEATION, 0.5),
    "I hate my life": (HOPELESSNESS, 1.0),
    "hate my life": (HOPELESSNESS, 1.0),
    "life is pointless": (HOPELESSNESS, 1.0),
    "sick of life": (HOPELESSNESS, 1.0),
    "sick of my life": (HOPELESSNESS, 1.0),
    "can't do this anymore": (HOPELESSNESS, 1.0),
    "can't take any more of this": (HOPELESSNESS, 1.0),
    "don't know how much longer I can": (HOPELESSNESS, 1.0),
    "breaking point": (HOPELESSNESS, 1.0),
    "the end of my rope": (HOPELESSNESS, 1.0),
    "life is over": (HOPELESSNESS, 1.0),
    "no way out": (HOPELESSNESS, 1.0),
    # Imagines the writer gone (burdensomeness): a wish to be dead, not loneliness.
    "no one will miss me": (PASSIVE_IDEATION, 1.0),
    "safety plan": (PROTECTIVE_FACTOR, 1.0),
    "keeping me alive": (PROTECTIVE_FACTOR, 1.0),
    "only thing keeping me going": (PROTECTIVE_FACTOR, 1.0),
    "waste of space": (HOPELESSNESS, 1.0),
    "sorry for existing": (HOPELESSNESS, 1.0),
    # Bullying that quotes "kill myself": about the writer being bullied, not ideation.
    "tell me to kill myself": (ABUSE_VIOLENCE, 1.0),
}

# Weak means words: common in ordinary text, evidence only next to ideation.
LEXICON_WEAK: frozenset[str] = frozenset(
    {
        "rope",
        "razor",
        "blade",
        "pills",
        "bridge",
        "cliff",
        "skyscraper",
        "high place",
        "knife",
        "narcotics",
        "prescription drug",
        "gun",
        "tall building",
        "sedative",
        "opiate",
        "muscle relaxer",
        "benzodiazepine",
        "over the counter drug",
        "alone",
        "jumping off",
        "precipice",
    }
)

# ---------------------------------------------------------------------------------------
# Hand-written English patterns.
# ---------------------------------------------------------------------------------------

# Medication names seen in overdose messages (generic and common brand names).
MEDICATION = (
    r"(?:paracetamol|acetaminophen|tylenol|panadol|ibuprofen|advil|aspirin|co-?codamol|codeine|tramadol|"
    r"oxycodone|oxycontin|oxy|percocet|vicodin|morphine|fentanyl|xanax|alprazolam|valium|"
    r"diazepam|klonopin|ativan|lorazepam|ambien|zolpidem|seroquel|quetiapine|lithium|"
    r"sertraline|zoloft|prozac|fluoxetine|citalopram|lexapro|escitalopram|amitriptyline|"
    r"venlafaxine|effexor|wellbutrin|insulin|benadryl|diphenhydramine|sleeping pills?|"
    r"antidepressants?|painkillers?)"
)
PILLS = rf"(?:pills?|tablets?|tabs|capsules?|meds|medications?|{MEDICATION})"
# Two digits or more: "40 pills" is an overdose, "2 paracetamol" is a headache.
MANY = r"(?:[1-9]\d{1,3}|all(?:\s+(?:of\s+)?(?:my|the))?|every|a\s+(?:whole\s+|full\s+)?(?:bottle|box|pack|packet|handful|jar|strip)\s+of)"
THEM = r"(?:him|her|them|my\s+(?:dad|father|mom|mum|mother|brother|sister|boss|teacher|step\w+|ex|husband|wife|boyfriend|girlfriend|partner)|everyone|everybody|people|someone|somebody)"
SELF_ACT = (
    r"(?:kill(?:ing)?\s+myself|end(?:ing)?\s+(?:my\s+(?:own\s+)?life|it\s+all)|"
    r"take\s+my\s+(?:own\s+)?life|commit(?:ting)?\s+suicide|hang(?:ing)?\s+myself|"
    r"shoot(?:ing)?\s+myself|overdos(?:e|ing)|od|jump(?:ing)?\s+off\s+\w+(?:\s+\w+)?|"
    r"jump(?:ing)?\s+from\s+(?:the|a|my)\s+(?:roof|rooftop|bridge|building|balcony|cliff|ledge|window|overpass|\w+\s+floor)|"
    r"(?:jump|step|walk|lie\s+down)(?:ing)?\s+in\s+front\s+of\s+(?:a|the)\s+(?:train|bus|truck|lorry|car))"
)

# A stated decision: "I'm going to", "I'll", "I'm ready to", "I've decided to".
WILL = (
    r"(?:i(?:'m|\s+am)\s+(?:really\s+|finally\s+|actually\s+|definitely\s+|just\s+)?(?:going\s+to|gonna|about\s+to|ready\s+to|planning\s+(?:to|on))|"
    r"i(?:'ll|\s+will|\s+shall)(?:\s+(?:finally|really|actually|definitely|just))?|"
    r"i(?:'ve|\s+have)?\s+(?:decided|made\s+up\s+my\s+mind)\s+to|i\s+(?:plan|intend)\s+to|this\s+time\s+i(?:'ll|\s+will|'m\s+going\s+to))"
)
# What "it" is in crisis texts, and in everyday ones: only risk nearby tells them apart.
IT_EUPHEMISM = (
    r"(?:do\s+it|go\s+through\s+with\s+(?:it|this)|end\s+(?:it|this|things)(?!\s+(?:with|between|for\s+(?:him|her|them|us)|early|now\s+and))|"
    r"finish\s+it(?:\s+all|\s+off)?(?!\s+(?:with|for\s+you|later|first))|get\s+it\s+over\s+with|take\s+(?:them|these|those)\s+all|"
    r"take\s+all\s+of\s+(?:them|these|those)|jump(?!\s+(?:rope|in\s+the\s+(?:shower|pool|lake|sea)|on\s+(?:a|the)\s+call|into\s+(?:bed|the\s+pool)|at\s+the)))"
)
# Not an overdose: taking medication as prescribed.
AS_PRESCRIBED = r"(?!\s+(?:\w+\s+)?(?:as\s+prescribed|like\s+(?:the|my)\s+doctor|on\s+time|every\s+day|each\s+day|with\s+food|regularly))"
# Imagining oneself gone: "if I was gone", "if I died", "when I'm not here".
IF_I_GONE = (
    r"(?:if|when|once)\s+i(?:'m|\s+am|\s+was|\s+were|'d|\s+had)?\s+(?:just\s+|really\s+|ever\s+)?"
    r"(?:gone|dead|died|disappeared|vanished|not\s+here|not\s+around|no\s+longer\s+(?:here|around|alive)|killed\s+myself|wasn't\s+(?:here|around|alive)|"
    r"weren't\s+(?:here|around|alive)|didn't\s+exist|stopped\s+existing|left\s+(?:this\s+world|forever|for\s+good)|disappear|die|vanish)\b"
)
# Ways of being told "nobody cares that you're gone".
NOBODY = r"(?:nobody|no\s*-?\s*one|noone)"
NOTICE = r"(?:notice|care|mind|be\s+sad|cry|miss\s+me|even\s+know)"
# The start of a clause (checked only where "nobody"/"no one" begins), for phrases that are risky only as a statement of their own
# ("Nobody would notice." but not "if I skipped class nobody would notice").
CLAUSE_START = r"(?=\b(?:no|noone)\b|\bnobody\b)(?:^|(?<=[.!?\n…])|(?<=[.!?\n…]\s)|(?<=[.!?…]\s\s)|(?<=\band\s)|(?<=\bso\s)|(?<=\bcause\s)|(?<=\bbecause\s)|(?<=\bhonestly\s)|(?<=\banyway\s)|(?<=\btbh\s))"
CLAUSE_END = r"(?=\s*(?:[.!?…,;\n]|$|\b(?:anyway|tbh|lol|honestly|anymore)\b))"

RULES_EN: tuple[Rule, ...] = (
    # --- passive ideation: wish to be dead ---------------------------------------------
    Rule(
        r"\b(?:wanna|wants?\s+to|wanted\s+to|wish\s+i\s+(?:could|was|were)|i'd\s+rather\s+be|i\s+want\s+to\s+be)\s+(?:die|dead|disappear|not\s+exist|not\s+be\s+(?:alive|here))\b",
        PASSIVE_IDEATION,
    ),
    Rule(
        r"\b(?:don't|do\s+not)\s+want\s+to\s+(?:live|be\s+alive|exist|wake\s+up)(?:\s+anymore)?\b",
        PASSIVE_IDEATION,
    ),
    Rule(
        r"\bwish\s+i\s+(?:had\s+)?(?:never\s+(?:been\s+born|existed|woke\s+up)|(?:didn't|did\s+not)\s+wake\s+up)\b",
        PASSIVE_IDEATION,
    ),
    Rule(
        r"\b(?:everyone|everybody|they|the\s+world|my\s+family)\s+(?:would\s+be|is|are)\s+better\s+off\s+without\s+me\b",
        PASSIVE_IDEATION,
    ),
    # "Sometimes I wish I could just disappear", "I want to fall asleep and never wake up".
    Rule(
        r"\b(?:wish|wished|wishing|hope|hoping|want|wanna|wanting|need)\s+(?:i\s+(?:could|would|was|were|'d)\s+|to\s+|that\s+i\s+could\s+)?(?:just\s+|simply\s+|really\s+|only\s+|somehow\s+|honestly\s+)+(?:die|be\s+dead|disappear|vanish|fade\s+away|cease\s+to\s+exist|stop\s+existing|not\s+exist|not\s+be\s+(?:alive|here))\b",
        PASSIVE_IDEATION,
    ),
    Rule(
        r"\b(?:wish|wished|wishing|hope|hoping|want|wanna|wanting)\s+(?:i\s+(?:could|would)\s+|to\s+)?(?:just\s+|simply\s+|really\s+)?(?:vanish|stop\s+existing|(?:fall\s+asleep|go\s+to\s+sleep|sleep)\s+(?:forever|and\s+(?:never|not)\s+wake\s+up)|never\s+wake\s+up|not\s+wake\s+up)\b",
        PASSIVE_IDEATION,
    ),
    Rule(
        r"\b(?:hope|hoping|praying|pray)\s+(?:that\s+)?i\s+(?:don't|do\s+not|won't|will\s+not|never)\s+wake\s+up\b",
        PASSIVE_IDEATION,
    ),
    Rule(
        r"\b(?:wish\s+i\s+(?:wasn't|weren't|was\s+not|were\s+not|was\s+never|were\s+never|had\s+never\s+been|hadn't\s+been|'d\s+never\s+been)\s+born|should(?:n't|\s+not|\s+never)\s+have\s+been\s+born|wish\s+i\s+(?:didn't|did\s+not|don't)\s+exist)\b",
        PASSIVE_IDEATION,
    ),
    Rule(
        r"\b(?:don't|do\s+not)\s+want\s+to\s+(?:be\s+(?:here|around|on\s+this\s+(?:earth|planet)|in\s+this\s+world)|exist)\s+(?:any\s*more|any\s+longer)\b",
        PASSIVE_IDEATION,
    ),
    # Perceived burdensomeness that imagines the writer gone: "Nobody would notice if I was
    # gone", "no one would even miss me", "would anyone care if I died?".
    Rule(
        rf"\b{NOBODY}\s+(?:would|will|'d|'ll|is\s+going\s+to|gonna)\s+(?:even\s+|really\s+|ever\s+|actually\s+)*{NOTICE}\s+{IF_I_GONE}",
        PASSIVE_IDEATION,
    ),
    Rule(
        rf"\b{IF_I_GONE}[^.!?\n]{{0,40}}?\b(?:{NOBODY}|anyone|anybody)\s+(?:would|will|'d)\s+(?:even\s+|really\s+|actually\s+)*{NOTICE}\b",
        PASSIVE_IDEATION,
    ),
    Rule(
        rf"\bwould\s+(?:anyone|anybody)\s+(?:even\s+|really\s+|actually\s+)*{NOTICE}\s+{IF_I_GONE}",
        PASSIVE_IDEATION,
    ),
    Rule(
        rf"\b{NOBODY}\s+(?:would|will|'d|'ll|is\s+going\s+to|gonna)\s+(?:even\s+|really\s+|ever\s+|actually\s+)*miss\s+me\b",
        PASSIVE_IDEATION,
    ),
    # "Nobody would notice." on its own: a weak cue (medium, not ideation for the tier rule).
    Rule(
        rf"{CLAUSE_START}{NOBODY}\s+(?:would|will|'d|'ll)\s+(?:even\s+|really\s+|ever\s+|actually\s+)*(?:notice|care){CLAUSE_END}",
        PASSIVE_IDEATION,
        weight=0.5,
    ),
    # --- active ideation: thoughts of killing oneself ----------------------------------
    Rule(r"\bkill(?:s|ed|ing)?\s+my\s?self\b", ACTIVE_IDEATION),
    Rule(r"\bkms\b", ACTIVE_IDEATION),
    Rule(
        r"\b(?:thinking|thought|think|thoughts)\s+(?:about|of)\s+(?:suicide|killing\s+myself|ending\s+(?:it|my\s+life)|taking\s+my\s+(?:own\s+)?life)\b",
        ACTIVE_IDEATION,
    ),
    Rule(
        r"\b(?:want|wanna|going|want\s+to|need)\s+(?:to\s+)?(?:end\s+(?:it|my\s+life|things|this)(?!\s+(?:with|between)\b)|jump\s+off|hang\s+myself|overdose|od)\b",
        ACTIVE_IDEATION,
    ),
    Rule(
        r"\b(?:how\s+(?:to|do\s+i|can\s+i)|best\s+way\s+to|painless\s+way\s+to)\s+(?:kill\s+myself|die|end\s+(?:it|my\s+life)|commit\s+suicide|overdose)\b",
        ACTIVE_IDEATION,
        weight=2.0,
    ),
    Rule(
        r"\bhow\s+many\s+\w+(?:\s+\w+)?\s+(?:does\s+it\s+take|would\s+it\s+take|to\s+(?:die|overdose|od))\b",
        ACTIVE_IDEATION,
        weight=2.0,
    ),
    # --- intent: a stated decision ----------------------------------------------------
    Rule(rf"\bi(?:'m|\s+am)\s+(?:going\s+to|gonna)\s+{SELF_ACT}", INTENT, weight=2.0),
    Rule(rf"\bi(?:'ll|\s+will)\s+(?:finally\s+)?{SELF_ACT}", INTENT, weight=2.0),
    Rule(
        r"\bi(?:'ve|\s+have)?\s+(?:decided|made\s+up\s+my\s+mind)\s+(?:to\s+(?:die|kill\s+myself|end\s+(?:it|my\s+life))|it's\s+time)\b",
        INTENT,
        weight=2.0,
    ),
    Rule(r"\b(?:tonight|today)\s+is\s+the\s+(?:night|day)\b", INTENT, weight=2.0, acute=True),
    Rule(
        r"\b(?:this\s+is\s+(?:my\s+)?(?:final\s+|last\s+)?goodbye(?!\s+for\s+(?:now|today|tonight|the\s+(?:day|night|week)))|goodbye\s+(?:everyone|forever|world|for\s+good)|by\s+the\s+time\s+you\s+read\s+this)\b",
        INTENT,
        weight=2.0,
        acute=True,
        # A goodbye that names the return ("goodbye everyone, see you tuesday").
        benign=r"(?:see\s+(?:you|u|ya)\s+(?:(?:on\s+|next\s+)?(?:mon|tues|wednes|thurs|fri|satur|sun)day|tomorrow|soon|later|next|after)|shift'?s?\s+(?:over|done|finished)|end\s+of\s+(?:my\s+)?shift|coursework|homework|essay|assignment|dissertation|thesis|for\s+the\s+weekend|last\s+day\s+at|vacation|holiday|hello\s+(?!darkness)\w+)",
    ),
    Rule(
        r"\bi(?:\s+won't|\s+will\s+not|\s+wont|\s+am\s+not\s+going\s+to|'m\s+not\s+going\s+to|'ll\s+not)\s+be\s+(?:here|alive|around)\s+(?:tomorrow|much\s+longer|by\s+(?:morning|tomorrow)|for\s+much\s+longer|any\s*more|any\s+longer)\b",
        INTENT,
        weight=2.0,
        acute=True,
    ),
    # Euphemisms for the act ("I'm going to do it", "I'll go through with it", "I'm done"):
    # intent only with risk nearby, so homework "I will do it tonight" stays low.
    Rule(rf"\b{WILL}\s+{IT_EUPHEMISM}\b", INTENT, weight=2.0, needs_risk=True),
    Rule(
        r"\b(?:i(?:'m|\s+am)\s+(?:really\s+|finally\s+|actually\s+|definitely\s+)?doing\s+it|tonight(?:'s|\s+is)\s+the\s+night\s+i\s+do\s+it|it(?:'s|\s+is)\s+time\s+to\s+(?:do\s+it|go|end\s+it))\b",
        INTENT,
        weight=2.0,
        needs_risk=True,
    ),
    Rule(
        r"\bi\s+(?:might|may|probably\s+won't|will\s+probably\s+not)\s+(?:not\s+)?be\s+(?:here|alive|around)\s+(?:tomorrow|much\s+longer|by\s+(?:morning|tomorrow)|for\s+much\s+longer|any\s*more|next\s+week)\b",
        INTENT,
        needs_risk=True,
    ),
    Rule(
        r"\bi(?:'ll|\s+will)\s+be\s+(?:dead|gone)\s+(?:by|before)\s+(?:tomorrow|morning|tonight|midnight|the\s+(?:morning|weekend|end\s+of\s+the\s+(?:day|night|week)))\b",
        INTENT,
        weight=2.0,
        acute=True,
        needs_risk=True,
    ),
    Rule(
        r"\bi\s+(?:won't|will\s+not|wont|will\s+never|'ll\s+never)\s+wake\s+up(?!\s+(?:until|till|til|before|early|in\s+time|on\s+time))\b",
        INTENT,
        weight=2.0,
        needs_risk=True,
    ),
    Rule(
        r"\bi(?:'m|\s+am)\s+(?:just\s+|so\s+|fucking\s+|literally\s+|really\s+|officially\s+|completely\s+)*done(?=\s*(?:[.!?…\n]|$|\b(?:now|anymore|for\s+good|with\s+(?:it\s+all|everything|life|living)|i\s+(?:can't|cannot|give\s+up|want|wanna)|goodbye|bye)\b))",
        INTENT,
        weight=1.0,
        needs_risk=True,
    ),
    # An overdose about to be taken.
    Rule(
        rf"\b{WILL}\s+(?:take|swallow|down|overdose\s+on|od\s+on)\s+(?:all\s+(?:of\s+)?(?:my|the|these|those|her|his)\s+(?:\w+\s+)?{PILLS}|the\s+(?:whole|entire)\s+(?:bottle|box|pack|packet|stash|lot)|an?\s+(?:whole|entire|full)\s+(?:bottle|box|pack|packet)|every\s+(?:single\s+|last\s+)?(?:pill|tablet)|[1-9]\d{{1,3}}\s+(?:\w+\s+)?{PILLS}){AS_PRESCRIBED}",
        INTENT,
        weight=2.0,
    ),
    # An overdose in progress: many pills already taken. Past markers ("last year") turn
    # it into history, like any other rule.
    Rule(
        rf"\bi(?:'ve|\s+have)?\s+(?:just\s+|already\s+)?(?:took|taken|swallowed|downed|drank|had)\s+{MANY}\s+(?:\w+\s+){{0,3}}?{PILLS}\b",
        INTENT,
        weight=2.0,
        acute=True,
    ),
    Rule(
        r"\bi(?:'m|\s+am)\s+(?:standing|sitting|stood)\s+(?:on|at)\s+(?:the\s+)?(?:edge|ledge|roof|rooftop|bridge|cliff|tracks|train\s+tracks)\b",
        INTENT,
        weight=2.0,
        acute=True,
    ),
    # --- means: how -------------------------------------------------------------------
    Rule(
        rf"\b(?:[1-9]\d{{0,3}})\s*(?:x\s*)?(?:mg\s+)?(?:of\s+)?(?:my\s+)?{PILLS}\b",
        METHOD_MEANS,
        weight=1.0,
    ),
    Rule(
        rf"\b(?:a|the|my|whole|full|entire)\s+(?:whole\s+|full\s+|entire\s+|new\s+)?(?:bottles?|box(?:es)?|packs?|packets?|jars?|handful|stash|strips?)\s+of\s+(?:my\s+|\w+'s\s+)?{PILLS}",
        METHOD_MEANS,
        weight=2.0,
    ),
    Rule(rf"\b{MEDICATION}\b", METHOD_MEANS, weight=0.5),
    Rule("\U0001f48a+", METHOD_MEANS, weight=1.0),  # the pill emoji
    Rule("(?:\U0001f52b|\U0001faa2)+", METHOD_MEANS, weight=1.0),  # pistol, knot (rope)
    Rule(
        r"\bjump(?:ing|ed)?\s+(?:off|from|in\s+front\s+of)\s+(?:a|the|my|this)\b",
        METHOD_MEANS,
        weight=1.0,
        benign=r"(?:bungee|skydiv|parachut|base\s+jump|cliff\s+div|diving\s+board|high\s+dive|swim|paddl|kayak|with\s+(?:my\s+)?(?:mates|friends|the\s+lads|the\s+girls)|for\s+(?:my\s+)?\d+(?:st|nd|rd|th)|birthday|holiday|lol|lmao|haha|😂)",
    ),
    Rule(
        r"\b(?:in\s+front\s+of\s+a\s+(?:train|bus|truck|car)|train\s+tracks|railway\s+line)\b",
        METHOD_MEANS,
        weight=1.0,
    ),
    Rule(
        r"\b(?:loaded\s+gun|my\s+(?:dad's|father's|\w+'s)\s+gun|razor\s+blades?|tie\s+a\s+noose|rope\s+(?:ready|around\s+my\s+neck))\b",
        METHOD_MEANS,
        weight=2.0,
    ),
    # "OD" in capitals (not the word "od"); weak like a drug name: "want to OD" is ideation.
    # The text is lower-cased by normalisation, so "OD" and "od" read alike here.
    Rule(r"\bod(?:ing|'d)?\b|\bod(?:ing)?\s+on\b", METHOD_MEANS, weight=0.5),
    # Weak: only evidence next to ideation or an intent euphemism.
    Rule(rf"\ball\s+(?:of\s+)?(?:my|the|these|those)\s+{PILLS}\b", METHOD_MEANS, weight=0.5),
    Rule(
        r"\b(?:(?:the|this|a)\s+(?:rooftop|ledge|overpass)|(?:the|this)\s+(?:roof|balcony|top\s+floor)(?!\s+(?:over|of\s+my\s+mouth))|rail(?:way|road)\s+tracks?|the\s+tracks)\b",
        METHOD_MEANS,
        weight=0.5,
    ),
    # --- plan: preparations -----------------------------------------------------------
    Rule(
        r"\bi(?:'ve|\s+have)?\s+(?:just\s+|already\s+)?(?:written|wrote|finished|left)\s+(?:a|my|the|some)\s+(?:(?:suicide|goodbye|last|farewell|final)\s+(?:notes?|letters?|messages?)|note)\b",
        PLAN,
        weight=2.0,
    ),
    Rule(
        r"\b(?:written|wrote|writing|left)\s+(?:a\s+)?(?:letters?|notes?)\s+(?:to|for)\s+(?:everyone|everybody|each\s+of\s+(?:them|you)|all\s+(?:of\s+)?my\s+\w+|my\s+(?:family|kids|children|parents|loved\s+ones))\b",
        PLAN,
        weight=2.0,
    ),
    # A plain letter is ordinary; next to risk it may be a farewell.
    Rule(
        r"\bi(?:'ve|\s+have)?\s+(?:just\s+)?(?:written|wrote|finished|left)\s+(?:a|my|the|some)\s+letters?\b",
        PLAN,
        needs_risk=True,
    ),
    Rule(r"\bgoodbye\s+(?:letters?|notes?|messages?|texts?)\b", PLAN, weight=2.0),
    Rule(
        rf"\b(?:have|got|has)\s+(?:the|my|enough|all\s+the)\s+(?:{PILLS}|rope|gun|noose|razors?|blades?|charcoal|everything)\s+(?:\w+\s+)?(?:ready|saved|stashed|hidden|lined\s+up|set\s+up|prepared|here)\b",
        PLAN,
        weight=2.0,
    ),
    Rule(
        rf"\b(?:saving|saved|stockpiling|stockpiled|hoarding|hoarded|collecting)\s+(?:up\s+)?(?:my\s+)?{PILLS}",
        PLAN,
        weight=2.0,
    ),
    Rule(
        r"\b(?:bought|buying|got|ordered)\s+(?:a\s+|some\s+)?(?:rope|gun|noose|charcoal|helium)\b",
        PLAN,
        weight=1.0,
        # A barbecue, a camp, decorations, a bike hoist: the same shopping harmless.
        benign=r"(?:bbq|barbecue|braai|grill|burgers?|sausages?|marinade|camping|tent|tarp|abseil|harness|climbing|rope\s+lights|moving\s+(?:house|flat|home|out|in)|the\s+move\b|removal|packing|boxes|tie\s+down|roof\s+rack|garden|tow|decorat|balloons?|party|pulley|bike|dog'?s?\s+(?:new\s+)?run|boat|sailing|hunting\s+licen[cs]e|range\b|clay)",
    ),
    Rule(
        r"\b(?:giving|gave|give|given)\s+away\s+(?:all\s+(?:of\s+)?)?my\s+(?:things|stuff|possessions|belongings|pets?|cat|dog|most\s+prized\s+\w+)\b",
        PLAN,
        weight=1.0,
    ),
    Rule(
        r"\b(?:giving|gave|give|given)\s+(?:all\s+(?:of\s+)?)?my\s+(?:things|stuff|possessions|belongings)\s+(?:away|to\s+(?:my\s+)?\w+)\b",
        PLAN,
        weight=1.0,
    ),
    Rule(
        r"\b(?:bought|buying|got|ordered|picked\s+up|stocked\s+up\s+on)\s+(?:a\s+(?:bottle|box|pack|packet)\s+of\s+|some\s+|more\s+|extra\s+|lots\s+of\s+|a\s+lot\s+of\s+)?(?:{PILLS}|razor\s+blades|blades)\b".replace(
            "{PILLS}", PILLS
        ),
        PLAN,
        needs_risk=True,
    ),
    Rule(
        r"\b(?:put(?:ting)?|got|getting|get)\s+(?:all\s+)?my\s+affairs\s+in\s+order\b",
        PLAN,
        weight=0.5,
    ),
    Rule(
        r"\b(?:i(?:'ve|\s+have)?\s+(?:made|got|have)\s+a\s+plan|my\s+plan\s+is\s+to|i\s+know\s+how\s+i(?:'d|'ll|\s+will|\s+would)\s+do\s+it)\b",
        PLAN,
        weight=0.5,
    ),
    Rule(r"\b(?:said|saying|say)\s+(?:all\s+)?my\s+goodbyes\b", PLAN, weight=1.0),
    Rule(
        r"\b(?:(?:say|saying)\s+goodbye\s+to\s+(?:everyone|everybody|the\s+world|this\s+world|all\s+of\s+you|you\s+all|life)|(?:my|a)\s+(?:final|last)\s+goodbye|i\s+(?:just\s+)?want(?:ed)?\s+to\s+say\s+goodbye(?=\s*(?:[.!?…\n]|$)))\b",
        PLAN,
        weight=2.0,
    ),
    # "I said goodbye to her at the station" is ordinary; next to risk it is a farewell.
    Rule(r"\b(?:said|saying|say)\s+goodbyes?\b", PLAN, needs_risk=True),
    # --- timeframe: when ----------------------------------------------------------------
    Rule(
        r"\b(?:tonight|today|right\s+now|this\s+(?:evening|morning|afternoon|weekend)|tomorrow|in\s+(?:an?|a\s+few|\d+)\s+(?:minutes?|hours?)|before\s+(?:morning|sunrise|the\s+morning)|by\s+(?:tomorrow|the\s+morning|tonight|midnight)|at\s+midnight)\b",
        TIMEFRAME,
        context=False,
    ),
    # Immediacy: "now" closing what the person is about to do ("i'm going to jump now",
    # "doing it now"), "about to", "in a minute". Alone it is no risk; with an intent it
    # is imminent (a tester's "I'm on the roof and I'm going to jump now" was only high).
    Rule(
        r"\b(?:(?:right\s+)?now|rn|in\s+a\s+(?:sec|second|minute|min|bit))\b(?=\s*(?:[.!?…,;\n]|goodbye|bye|$))|\babout\s+to\b",
        TIMEFRAME,
        context=False,
    ),
    Rule(
        r"\b(?:after|once|when)\s+(?:every(?:one|body)|my\s+(?:parents|family|mom|mum|dad|husband|wife|partner|roommates?)|they)(?:'s|\s+is|\s+are|\s+has|\s+have|\s+goes|\s+go)?\s+(?:gone\s+)?(?:asleep|to\s+(?:bed|sleep|work)|out|gone|left)\b",
        TIMEFRAME,
        context=False,
    ),
    # --- history: past attempts --------------------------------------------------------
    Rule(
        rf"\b(?:tried|attempted|attempting)\s+(?:to\s+)?{SELF_ACT}",
        PRIOR_ATTEMPT,
        supersede=True,
        recent_escalates=True,
        context=False,
    ),
    Rule(
        r"\b(?:attempted\s+suicide|(?:my|a|an)\s+(?:last|previous|first|second|third|past|prior|failed)\s+(?:suicide\s+)?attempts?|survived\s+(?:a|an|my)\s+(?:suicide\s+)?attempt)\b",
        PRIOR_ATTEMPT,
        supersede=True,
        recent_escalates=True,
        context=False,
    ),
    Rule(
        r"\bi(?:'ve|\s+have)?\s+(?:just\s+)?(?:overdosed|od'd|oded)\b",
        PRIOR_ATTEMPT,
        supersede=True,
        recent_escalates=True,
        context=False,
    ),
    Rule(
        r"\b(?:used\s+to|would)\s+(?:cut|burn|hurt|harm)\s+myself\b",
        PRIOR_ATTEMPT,
        supersede=True,
        context=False,
    ),
    # --- current self-harm --------------------------------------------------------------
    Rule(
        r"\b(?:cut|cutting|cuts|burn|burning|burned|burnt|scratch(?:ing)?|starv(?:e|ing))\s+myself\b",
        SELF_HARM,
        # A burn from the oven or the iron, a cut from the kitchen knife: an accident.
        benign=r"(?:oven|stove|hob|iron\b|kettle|pan\b|baking\s+tray|curling|straighteners|cooking|baking|candle|toast|by\s+accident|accidentally|chopping|shaving)",
    ),
    Rule(r"\bself[\s-]?harm(?:ing|ed)?\b", SELF_HARM),
    Rule(r"\b(?:cutting|relapsed?)\s+again\b", SELF_HARM, weight=0.5),
    # Cutting as it happens, or deep, with no object: "im cutting right now", "going to
    # cut deep" (a tester's line with the knife in hand was only high; "im cutting right
    # now" only medium). Onions, hair and cake have objects and stay out; a fence or
    # glass is an accident.
    Rule(
        r"\bi(?:'?m|\s+am)\s+(?:cutting)(?=\s*(?:(?:right\s+)?now|rn|again)?\s*(?:[.!?…,;\n]|$))"
        r"|\b(?:cut|cutting)\s+(?:deep(?:er)?|too\s+deep|my\s+(?:wrists?|arms?|thighs?|legs?))\b",
        SELF_HARM,
        benign=r"(?:on\s+(?:a|the|some)\s+\w+|fence|glass|paper|by\s+accident|accidentally|knife\s+slipped|cooking|chopping|shaving)",
    ),
    # --- harm to others -----------------------------------------------------------------
    Rule(
        rf"\b(?:i(?:'m|\s+am)\s+(?:going\s+to|gonna)|i(?:'ll|\s+will)|i\s+want\s+to|i\s+wanna)\s+(?:kill|hurt|stab|shoot|murder)\s+{THEM}\b",
        HARM_TO_OTHERS,
    ),
    Rule(
        r"\b(?:take|taking)\s+(?:him|her|them|everyone|some\s+people)\s+with\s+me\b",
        HARM_TO_OTHERS,
        weight=2.0,
    ),
    Rule(
        r"\bshoot\s+up\s+(?:my|the|a)\s+(?:school|work|office|class)\b", HARM_TO_OTHERS, weight=2.0
    ),
    # --- abuse and violence against the writer --------------------------------------------
    Rule(
        r"\b(?:he|she|they|my\s+\w+)\s+(?:hits|beats|hurts|chokes|rapes|touches)\s+me\b",
        ABUSE_VIOLENCE,
    ),
    Rule(
        r"\b(?:raped|sexually\s+abused|sexual\s+abuse|abused\s+me|abusing\s+me)\b", ABUSE_VIOLENCE
    ),
    # --- hopelessness -------------------------------------------------------------------
    Rule(
        r"\b(?:what's|what\s+is)\s+the\s+point\s+(?:of\s+(?:anything|living|life|trying|going\s+on)|anymore)\b",
        HOPELESSNESS,
    ),
    Rule(r"\bno\s+point\s+(?:in\s+)?(?:anything|trying|going\s+on|anymore)\b", HOPELESSNESS),
    Rule(
        r"\b(?:nothing|it)\s+(?:will\s+ever|is\s+ever\s+going\s+to)\s+get\s+better\b", HOPELESSNESS
    ),
    Rule(
        r"\bi\s+(?:just\s+)?(?:can't|cannot)\s+(?:go\s+on|do\s+this\s+anymore|take\s+(?:it|this)\s+anymore|keep\s+going)\b",
        HOPELESSNESS,
    ),
    # Entrapment: "I can't take it any longer", "I can't cope anymore", "I feel trapped".
    Rule(
        r"\b(?:can't|cannot|can\s+not|cant)\s+(?:take|handle|bear|stand|do|cope\s+with|deal\s+with|live\s+with)\s+(?:it|this|this\s+life|life|any\s+of\s+(?:it|this))\s+(?:any\s*more|any\s+longer)\b|\b(?:can't|cannot)\s+cope\s+(?:any\s*more|any\s+longer)\b|\b(?:can't|cannot)\s+(?:keep\s+(?:living|going)|live)\s+like\s+this\b",
        HOPELESSNESS,
    ),
    Rule(
        r"\bi\s+(?:feel|am|'m)\s+(?:so\s+|completely\s+|totally\s+|just\s+)?trapped\b(?!\s+(?:in|at|on|by)\s+(?:the\s+)?(?:traffic|lift|elevator|rain|snow|queue|line|airport|station|bathroom|toilet|meeting))",
        HOPELESSNESS,
    ),
    Rule(
        r"\bi(?:'ve|\s+have)?\s+(?:given|give|gave)\s+up\s+on\s+(?:life|living|everything|myself|it\s+all|ever\s+getting\s+better)\b",
        HOPELESSNESS,
    ),
    Rule(
        r"\bi(?:'m|\s+am)\s+(?:just\s+|so\s+|really\s+)?done\s+with\s+(?:it\s+all|everything|everyone|this\s+world|this\s+life|all\s+of\s+(?:it|this)|trying|being\s+alive|existing)\b",
        HOPELESSNESS,
    ),
    # Perceived burdensomeness: a risk factor next to ideation, not a wish to be dead itself.
    Rule(
        r"\bi(?:'m|\s+am|\s+feel|\s+just\s+feel|\s+always\s+feel|'ve\s+become|\s+have\s+become|\s+became|\s+know\s+i'm|\s+think\s+i'm)\s+(?:like\s+)?(?:i(?:'m|\s+am)\s+)?(?:just\s+|only\s+|such\s+|nothing\s+but\s+|always\s+|so\s+much\s+of\s+|a\s+(?:huge|big|massive|constant|total|complete)\s+)*(?:a\s+)?(?:burden|dead\s+weight|waste\s+of\s+(?:space|oxygen|air))\b",
        HOPELESSNESS,
    ),
    # --- protective factors -----------------------------------------------------------------
    Rule(
        r"\bi(?:'m|\s+am)\s+(?:safe|okay\s+now|not\s+in\s+danger)\b",
        PROTECTIVE_FACTOR,
        context=False,
    ),
    Rule(
        r"\b(?:i\s+)?(?:want|need|choose)\s+to\s+(?:live|get\s+better|stay\s+alive|keep\s+going)\b",
        PROTECTIVE_FACTOR,
    ),
    Rule(
        r"\b(?:reasons?\s+to\s+(?:live|stay)|(?:for|because\s+of|thinking\s+(?:of|about))\s+my\s+(?:kids|children|son|daughter|baby|cat|dog|pets?|family))\b",
        PROTECTIVE_FACTOR,
    ),
    Rule(
        r"\bi\s+(?:promised|promise)\s+(?:my\s+\w+|him|her|them|myself)\b",
        PROTECTIVE_FACTOR,
        weight=0.5,
    ),
    Rule(
        r"\bi\s+(?:wouldn't|would\s+never|could\s+never|couldn't)\s+do\s+that\s+to\s+(?:my\s+\w+|them|him|her)\b",
        PROTECTIVE_FACTOR,
        context=False,
    ),
    # --- someone else's risk (reported by the writer) ---------------------------------------
    Rule(
        r"\b(?:kill(?:s|ed|ing)?|hurt(?:s|ing)?|harm(?:s|ed|ing)?|cut(?:s|ting)?)\s+(?:him|her|them)sel(?:f|ves)\b",
        CONCERN_FOR_OTHER,
        context=False,
    ),
    Rule(r"\bcommitted\s+suicide\b", CONCERN_FOR_OTHER, weight=0.5, context=False),
    Rule(r"\bdied\s+by\s+suicide\b", CONCERN_FOR_OTHER, weight=0.5, context=False),
    Rule(
        r"\b(?:he|she|they|my\s+\w+)\s+(?:is|are|was|seems?|sounds?)\s+(?:really\s+|very\s+)?suicidal\b",
        CONCERN_FOR_OTHER,
        supersede=True,
        context=False,
    ),
    # --- idioms: risk words that mean something else -----------------------------------------
    # Routine medication: "i take my meds now", "forgot my meds again". Never "all", "the
    # whole", "every" pill: those are counted elsewhere.
    Rule(
        rf"\b(?:(?:i\s+)?(?:take|taking)\s+my\s+(?:usual\s+|daily\s+|night\s+|morning\s+)?{PILLS}\s+(?:now|every\s+(?:day|morning|night)|each\s+(?:day|morning|night)|at\s+night|in\s+the\s+morning|before\s+bed|with\s+(?:food|breakfast|dinner)|as\s+prescribed)|forgot\s+(?:to\s+take\s+)?my\s+{PILLS})\b(?!\s*(?:,\s*)?(?:all|every|the\s+whole))",
        IDIOM,
        supersede=True,
        context=False,
    ),
    Rule(r"\bdying\s+(?:to|for)\b", IDIOM, supersede=True, context=False),
    # "od'd on netflix", "overdosed on coffee": too much of a good thing.
    Rule(
        r"\b(?:od'?d|od'?ed|overdosed|oding|overdosing)\s+on\s+(?:netflix|coffee|caffeine|sugar|chocolate|anime|tiktok|youtube|k-?dramas?|cake|sweets|candy|memes|music|gaming|games|cuteness|vitamin\s+c)\b",
        IDIOM,
        supersede=True,
        context=False,
    ),
    # "shoot myself in the foot", "a lethal dose of cringe": figures of speech.
    Rule(
        r"\bshoot(?:ing)?\s+myself\s+in\s+the\s+foot\b|\blethal\s+dose\s+of\s+(?:cringe|cuteness|cute|sarcasm|drama|sugar|caffeine|coffee|nostalgia|vibes|awkwardness|secondhand\s+embarrassment|embarrassment|boredom|small\s+talk)\b",
        IDIOM,
        supersede=True,
        context=False,
    ),
    # A joke marked as one straight after it ("forgot my lunch again kms 😂😂", "one more
    # spreadsheet and i'll jump out the window haha jk").
    Rule(
        r"(?<!to\s)(?<!wanna\s)(?<!gonna\s)(?<!ll\s)(?<!i\s)(?<!should\s)(?<!might\s)\bkill\s+myself\b(?=[\s!.,]{0,3}(?:\U0001f602|\U0001f923|\U0001f480|lol|lmao|lmfao|haha\w*|jk\b|just\s+kidding))|\b(?:jump\s+out\s+(?:of\s+)?(?:the|a|my)\s+window|jump\s+off\s+(?:a|the)\s+(?:bridge|roof|cliff))\b(?=[\s!.,]{0,3}(?:(?:lol|haha\w*|lmao)[\s!.,]{0,3})?(?:jk\b|just\s+kidding))",
        IDIOM,
        supersede=True,
        context=False,
    ),
    # A dose as usual ("took my night meds"): medicine, not a means; an amount in between
    # ("took my usual meds and the rest of the box") is read as it is.
    Rule(
        r"\b(?:took|taken|had|taking)\s+my\s+(?:usual|normal|regular|daily|morning|night|nightly|evening|bedtime|lunchtime)\s+(?:meds|medication|medicine|pills|tablets|dose|insulin|inhaler)\b(?![^.!?\n]*\b(?:rest|all|whole|box|pack|packet|bottle|strip|everything|lot|more|extra|double)\b)",
        IDIOM,
        supersede=True,
        context=False,
    ),
    Rule(r"\bkill(?:ing|ed|s)?\s+it\b", IDIOM, supersede=True, context=False),
    Rule(
        r"\bkill(?:ing)?\s+(?:time|the\s+mood|the\s+vibe)\b", IDIOM, supersede=True, context=False
    ),
    Rule(
        r"\b(?:kill(?:ing|ed)?\s+myself|die|died|dying)\s+(?:laughing|of\s+laughter|with\s+laughter)\b",
        IDIOM,
        supersede=True,
        context=False,
    ),
    Rule(
        r"\b(?:could|nearly|almost)\s+(?:have\s+)?died?\s+(?:of|from)\s+(?:embarrassment|laughter|laughing|shame|cuteness)\b",
        IDIOM,
        supersede=True,
        context=False,
    ),
    Rule(
        r"\b(?:bored|scared|worried|frightened|tired|sick)\s+to\s+death\b",
        IDIOM,
        supersede=True,
        context=False,
    ),
    Rule(
        r"\b(?:to\s+die\s+for|dead\s+(?:tired|serious|wrong|right|on)|(?:i'd|i\s+would|i\s+could)\s+(?:literally\s+)?kill\s+for)\b",
        IDIOM,
        supersede=True,
        context=False,
    ),
    Rule(
        r"\bi'?m\s+dead\s*(?:\U0001f602|\U0001f923|lol|lmao|lmfao|haha)",
        IDIOM,
        supersede=True,
        context=False,
    ),
    Rule(
        r"\b(?:this|that|it|(?:the|my|this)\s+(?:homework|work|job|exam|essay|heat|traffic|wait|waiting|suspense|commute|deadline|boss))(?:'s|\s+is)\s+(?:literally\s+|actually\s+|just\s+|so\s+)?killing\s+me\b",
        IDIOM,
        supersede=True,
        context=False,
    ),
    Rule(
        r"\b(?:jump\s+rope|skipping\s+rope|rope\s+swing|bridge\s+(?:club|game)|cliff\s+notes)\b",
        IDIOM,
        supersede=True,
        context=False,
    ),
    Rule(
        r"\b(?:kill|killing|blow|blowing)\s+(?:my|the)\s+(?:exam|test|interview|presentation|game)\b",
        IDIOM,
        supersede=True,
        context=False,
    ),
)

# ---------------------------------------------------------------------------------------
# Context words (single tokens, lower case, apostrophes removed: "don't" -> "dont").
# ---------------------------------------------------------------------------------------

NEGATION_CUES: frozenset[str] = frozenset(
    {
        "not",
        "never",
        "no",
        "dont",
        "doesnt",
        "didnt",
        "wont",
        "wouldnt",
        "isnt",
        "arent",
        "wasnt",
        "werent",
        "cant",
        "cannot",
        "couldnt",
        "shouldnt",
        "aint",
        "nor",
        "neither",
        "nothing",
        "hardly",
    }
)
# Between a negation and the phrase, these words cancel the negation: "I can't stop
# thinking about killing myself", "no one would care if I killed myself".
NEGATION_BREAKERS: frozenset[str] = frozenset(
    {
        "stop",
        "help",
        "know",
        "sure",
        "care",
        "matter",
        "wait",
        "one",
        "body",
        "if",
        "whether",
        "why",
        "but",
        "anymore",
        "longer",
        "except",
        "than",
        "without",
    }
)
FIRST_PERSON: frozenset[str] = frozenset(
    {"i", "im", "ive", "ill", "id", "me", "my", "myself", "mine", "we", "us", "our"}
)
THIRD_PERSON: frozenset[str] = frozenset(
    {
        "he",
        "she",
        "they",
        "hes",
        "shes",
        "theyre",
        "hed",
        "shed",
        "theyd",
        "hell",
        "shell",
        "theyll",
        "him",
        "her",
        "them",
        "friend",
        "friends",
        "bestie",
        "bff",
        "sister",
        "brother",
        "mom",
        "mum",
        "mother",
        "dad",
        "father",
        "son",
        "daughter",
        "kid",
        "kids",
        "child",
        "someone",
        "somebody",
        "people",
        "partner",
        "boyfriend",
        "girlfriend",
        "bf",
        "gf",
        "husband",
        "wife",
        "cousin",
        "classmate",
        "roommate",
        "roommates",
        "flatmate",
        "flatmates",
        "housemate",
        "housemates",
        "nan",
        "nana",
        "gran",
        "granny",
        "grandad",
        "grandmother",
        "grandfather",
        "stepdad",
        "stepmum",
        "stepmom",
        "fiance",
        "fiancee",
        "coworker",
        "colleague",
        "student",
        "aunt",
        "uncle",
        "grandma",
        "grandpa",
        "niece",
        "nephew",
        "neighbour",
        "neighbor",
        "teammate",
        "everyone",
        "everybody",
        "sis",
        "bro",
    }
)
# Past markers scope over their clause; current markers win over them.
PAST_MARKERS = (
    r"\b(?:used\s+to|years?\s+ago|months\s+ago|a\s+while\s+ago|last\s+(?:year|summer|winter|spring|fall|autumn)|"
    r"in\s+(?:the\s+past|high\s+school|middle\s+school|college|(?:19|20)\d\d)|when\s+i\s+was\s+(?:\d+|a\s+(?:kid|teen(?:ager)?|child))|"
    r"as\s+a\s+(?:kid|teen(?:ager)?|child)|back\s+(?:then|in)|once\s+before|before\s+this|"
    r"i\s+(?:have|'ve)\s+(?:been|had)\s+(?:through|a\s+history)|history\s+of)\b"
)
CURRENT_MARKERS = (
    r"\b(?:now|again|still|tonight|today|currently|these\s+days|lately|anymore|right\s+now)\b"
)
RECENT_MARKERS = r"\b(?:just|tonight|today|right\s+now|an?\s+hour\s+ago|minutes\s+ago|earlier|this\s+(?:morning|evening|afternoon))\b"
