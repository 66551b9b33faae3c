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

from triage.rules_common import (
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
    "no one will miss me": (LONELINESS_ISOLATION, 1.0),
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
    r"(?:paracetamol|acetaminophen|tylenol|panadol|ibuprofen|advil|aspirin|codeine|tramadol|"
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
    r"shoot(?:ing)?\s+myself|overdos(?:e|ing)|od|jump(?:ing)?\s+off\s+\w+(?:\s+\w+)?)"
)

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
    # --- active ideation: thoughts of killing oneself ----------------------------------
    Rule(r"\bkill(?:s|ed|ing)?\s+my\s?self\b", ACTIVE_IDEATION),
    Rule(r"\bkms\b", ACTIVE_IDEATION),
    Rule(
        r"\b(?:thinking|thought|think|thoughts)\s+(?:about|of)\s+(?:suicide|killing\s+myself|ending\s+(?:it|my\s+life)|taking\s+my\s+(?:own\s+)?life)\b",
        ACTIVE_IDEATION,
    ),
    Rule(
        r"\b(?:want|wanna|going|want\s+to|need)\s+(?:to\s+)?(?:end\s+(?:it|my\s+life|things|this)|jump\s+off|hang\s+myself|overdose)\b",
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
        r"\b(?:this\s+is\s+(?:my\s+)?goodbye|goodbye\s+(?:everyone|forever|world)|by\s+the\s+time\s+you\s+read\s+this)\b",
        INTENT,
        weight=2.0,
        acute=True,
    ),
    Rule(
        r"\bi\s+won't\s+be\s+(?:here|alive|around)\s+(?:tomorrow|much\s+longer|by\s+morning)\b",
        INTENT,
        weight=2.0,
        acute=True,
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
    # --- plan: preparations -----------------------------------------------------------
    Rule(
        r"\bi(?:'ve|\s+have)?\s+(?:just\s+)?(?:written|wrote|finished|left)\s+(?:a|my|the)\s+(?:suicide\s+|goodbye\s+|last\s+|farewell\s+)?(?:note|letters?)\b",
        PLAN,
        weight=2.0,
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
    ),
    Rule(
        r"\b(?:giving|gave|give)\s+away\s+(?:all\s+)?my\s+(?:things|stuff|possessions|belongings|pets?)\b",
        PLAN,
        weight=1.0,
    ),
    Rule(
        r"\b(?:i(?:'ve|\s+have)?\s+(?:made|got|have)\s+a\s+plan|my\s+plan\s+is\s+to|i\s+know\s+how\s+i(?:'d|'ll|\s+will|\s+would)\s+do\s+it)\b",
        PLAN,
        weight=0.5,
    ),
    Rule(r"\b(?:said|saying|say)\s+(?:my\s+)?goodbyes?\b", PLAN, weight=1.0),
    # --- timeframe: when ----------------------------------------------------------------
    Rule(
        r"\b(?:tonight|today|right\s+now|this\s+(?:evening|morning|afternoon|weekend)|tomorrow|in\s+(?:an?|a\s+few|\d+)\s+(?:minutes?|hours?)|before\s+(?:morning|sunrise|the\s+morning)|by\s+(?:tomorrow|the\s+morning|tonight|midnight)|at\s+midnight)\b",
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
    ),
    Rule(r"\bself[\s-]?harm(?:ing|ed)?\b", SELF_HARM),
    Rule(r"\b(?:cutting|relapsed?)\s+again\b", SELF_HARM, weight=0.5),
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
    Rule(r"\bdying\s+(?:to|for)\b", IDIOM, supersede=True, context=False),
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
        r"\b(?:to\s+die\s+for|dead\s+(?:tired|serious|wrong|right|on)|i'd\s+kill\s+for)\b",
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
