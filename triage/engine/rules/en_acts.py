"""English rules for the language of a crisis chat that names no suicide word: acts in
progress, goodbyes, preparations, places, readiness and time, indirect ideation, self-harm,
danger to and from others. Matched on normalised text (engine.normalise: lower case,
disguises and slang resolved, "wanna" → "want to", "rn" → "right now", "mins" → "minutes").

Each rule is a row a clinician can review. `benign` names company that makes the words
harmless in the same message (a barbecue in the garden, a film, a climbing trip,
laughter): the rule does not fire there.
"""

# ruff: noqa: E501
# Rule patterns stay on one line each to be read as a table.

from __future__ import annotations

from triage.engine.rules.common import (
    ABUSE_VIOLENCE,
    ACTIVE_IDEATION,
    CONCERN_FOR_OTHER,
    HARM_TO_OTHERS,
    HOPELESSNESS,
    IDIOM,
    INTENT,
    METHOD_MEANS,
    PASSIVE_IDEATION,
    PLAN,
    PRIOR_ATTEMPT,
    PROTECTIVE_FACTOR,
    SELF_HARM,
    TIMEFRAME,
    WARNING_SIGN,
    Rule,
)
from triage.engine.rules.en import MEDICATION

# --- vocabulary ---------------------------------------------------------------------------

SUBJECT_I = r"(?:i|i've|ive|i'm|im|i\s+have|i\s+just|i\s+already|just|already|i\s+literally)"
SWALLOWED = r"(?:took|taken|swallowed|downed|necked|popped|had|ate|eaten|chugged|drank|drunk|injected|overdosed(?:\s+on)?|od(?:'?d)?(?:\s+on)?|did)"
DRUGS = (
    rf"(?:pills?|tablets?|tabs|capsules?|caps|meds|medications?|medicine|prescriptions?|script|{MEDICATION}|"
    r"pain\s?killers?|sleeping\s+(?:pills?|tablets?)|antidepressants?|anti-depressants?|benzos?|opioids?|opiates?|"
    r"endone|panadeine|nurofen|zopiclone|pregabalin|gabapentin|mirtazapine|propranolol|olanzapine|clonazepam|"
    r"melatonin|nytol|sleep\s+aids?|heroin|methadone|oxys?)"
)
POISONS = r"(?:bleach|poison|rat\s+poison|antifreeze|anti-freeze|weed\s?killer|pesticide|insecticide|paraquat|drain\s+cleaner|cyanide|sniper|rodenticide|lye|caustic\s+soda|methanol|fertiliser|fertilizer|gramoxone)"
LOTS = (
    r"(?:all|every|everything|the\s+(?:whole|entire|rest\s+of)|whole|entire|a\s+load\s+of|loads\s+of|heaps\s+of|a\s+heap\s+of|"
    r"a\s+bunch\s+of|a\s+lot\s+of|a\s+handful\s+of|handfuls\s+of|(?:the\s+)?(?:two|three|four|five|2|3|4|5)\s+(?:boxes|packs|packets|bottles|strips|blister\s+packs)|"
    r"(?:a|the|one|my|his|her|their)\s+(?:whole\s+|full\s+|entire\s+)?(?:box|pack|packet|bottle|tub|strip|blister\s+pack|jar|container)|"
    r"(?:the\s+|my\s+|a\s+)?(?:whole\s+|entire\s+|full\s+)?(?:month|week|months|weeks|fortnight)'?s?\s+(?:worth|supply)|[1-9]\d{1,3}|too\s+many|way\s+too\s+many|double|triple)"
)
AGO = r"(?:(?:\d+|a\s+few|few|couple(?:\s+of)?|an?|like\s+\d+|about\s+\d+|half\s+an?)\s+(?:minutes?|hours?|hrs?|secs?|seconds?)\s+ago|just\s+now|earlier|already|tonight|this\s+(?:morning|evening|afternoon))"
FEEL_EFFECT = r"(?:kicking\s+in|starting\s+to\s+work|feel(?:ing)?\s+(?:so\s+|really\s+|kinda\s+|pure\s+|very\s+)?(?:weird|dizzy|sick|shaky|floaty|sleepy|drowsy|numb|funny|strange|wrecked|heavy|faint|cold)|throat\s+(?:is\s+)?burning|stomach\s+(?:hurts|is\s+burning|cramps?)|room\s+is\s+spinning|going\s+blurry|everything(?:'s|\s+is)\s+(?:going\s+)?(?:blurry|spinning|fuzzy)|can't\s+feel\s+my|heart\s+is\s+racing|throwing\s+up|vomiting)"
LIGATURE = r"(?:rope|cord|belt|noose|cable|scarf|ligature|dog\s+lead|lead|extension\s+lead|wire|sheet|bedsheet|phone\s+charger|charger|tie)"
ANCHOR_POINT = r"(?:(?:top\s+)?bunk|door(?:\s?knob|\s+handle|\s+frame)?|bannisters?|banisters?|beam|rafters?|railing|rail|ceiling|hook|loft|tree|branch|wardrobe|closet\s+rod|bunk\s?bed|curtain\s+rail|pipe|light\s+fitting|staircase|stairs)"
HIGH_PLACE = r"(?:roof(?:top)?|ledge|edge|cliff|bridge|overpass|flyover|parapet|balcony|terrace|tower|car\s*park|carpark|parking\s+(?:garage|structure|lot\s+roof)|multi-?stor(?:e)?y|top\s+floor|(?:\d+|\w+)(?:th|st|nd|rd)?\s+floor|window\s+ledge|building|dam|quarry|the\s+gap|viaduct|motorway\s+bridge|skyscraper|crane|pier|jetty)"
RAIL_PLACE = r"(?:tracks?|train\s+tracks|railway(?:\s+(?:line|tracks?|crossing|bridge))?|rail(?:road|way)?\s+(?:line|tracks|crossing)|level\s+crossing|crossing|platform|the\s+line|motorway|highway|freeway|dual\s+carriageway)"
WATER = r"(?:sea|ocean|river|lake|canal|water|reservoir|harbour|harbor|loch|quarry\s+lake|dam)"
BLADE = r"(?:blade|razor|razors|knife|knives|scissors|glass|box\s?cutter|stanley\s+knife|sharpener\s+blade|sharp)"
NOW = r"(?:right\s+now|now|rn|atm|at\s+the\s+moment|currently|tonight|been\s+here|here|already|still|just)"
PEOPLE_CLOSE = r"(?:mum|mom|mam|ma|mother|dad|father|da|pa|parents|sister|sis|brother|bro|wife|husband|partner|kids?|children|son|daughter|family|boyfriend|girlfriend|bf|gf|friends?|mates?|nan|nana|gran|grandma|grandad|grandpa|baby|little\s+(?:brother|sister|one)|best\s+friend|flatmate|roommate|teacher|therapist|counsellor|counselor|everyone|every\s+one|them|him|her)"
PET = r"(?:dogs?|cats?|puppy|kitten|pets?|rabbits?|bunny|hamster|fish|birds?|parrot|horses?|guinea\s+pigs?|snake|lizard|budgie|doggo|pup|chooks|chickens|hens|goats|animals)"
QUIET_TIME = (
    r"(?:(?:once|when|after|as\s+soon\s+as|till|until|before)\s+(?:every(?:one|body)|the\s+(?:house|flat|ward|street)|my\s+\w+|mum|mom|dad|they|he|she|the\s+kids|the\s+others|people|my\s+(?:parents|family|wife|husband|partner|flatmate|roommate|sister|brother))"
    r"(?:'s|\s+is|\s+are|'re|\s+has|\s+have|\s+goes?|\s+go(?:es)?\s+to|\s+fall|\s+falls|\s+leaves?|\s+gets?)?\s*(?:\w+\s+)?(?:asleep|sleeping|to\s+(?:bed|sleep|work)|gone|out|away|quiet|leave|leaves|left|at\s+work|in\s+bed|goes\s+out|goes\s+to\s+work|sleep)|"
    r"(?:the\s+)?house\s+is\s+(?:finally\s+)?(?:quiet|empty)|everyone(?:'s|\s+is)\s+(?:finally\s+)?(?:asleep|out|gone)|"
    r"after\s+i\s+(?:finish|send|post)\s+this|after\s+this\s+(?:message|msg|text)|when\s+i\s+finish\s+(?:this|typing)|"
    r"in\s+(?:like\s+|about\s+|a\s+few\s+)?(?:\d+|a\s+few|ten|twenty|five|an?)\s+(?:minutes?|hours?|mins?)|at\s+\d{1,2}(?::\d\d)?\s*(?:am|pm|o'?clock)?|at\s+midnight|"
    r"tomorrow\s+(?:morning|night|evening)|tonight|this\s+(?:weekend|friday|saturday|sunday|evening)|on\s+(?:friday|saturday|sunday|monday|my\s+birthday)|before\s+(?:morning|sunrise|dawn|the\s+sun\s+comes\s+up)|"
    r"when\s+(?:the\s+)?(?:sun\s+(?:comes\s+up|goes\s+down)|it(?:'s|\s+gets)\s+dark)|by\s+(?:morning|tomorrow|the\s+weekend))"
)
READY = (
    r"(?:i(?:'m|\s+am)\s+(?:finally\s+)?(?:ready|done\s+waiting|not\s+scared\s+(?:any\s?more|now)|at\s+peace(?:\s+with\s+it)?|calm\s+now)|"
    r"(?:i've|i\s+have|i)\s+(?:made\s+(?:my|the|up\s+my)\s+(?:decision|mind)|decided)|my\s+mind\s+is\s+made\s+up|no\s+more\s+waiting|"
    r"(?:it's|it\s+is)\s+time|this\s+is\s+it|(?:won't|can't|will\s+not)\s+(?:be\s+able\s+to\s+)?stop\s+me|nothing\s+(?:will|can)\s+stop\s+me|"
    r"going\s+to\s+do\s+it\s+(?:soon|now|tonight|today|this\s+time)|doing\s+it\s+(?:now|tonight|today|soon)|(?:there's|theres)\s+no\s+going\s+back|"
    r"(?:i'm|im|i\s+am)\s+going\s+(?:now|tonight)|time\s+to\s+go|not\s+(?:going\s+to|gonna)\s+(?:wake\s+up|be\s+here)\s+(?:tomorrow|in\s+the\s+morning)|"
    r"won't\s+(?:be\s+(?:here|around)|see)\s+(?:tomorrow|the\s+morning|morning|another\s+day|christmas|my\s+birthday))"
)
# Harmless company: the same words in a garden, a game, a film, a climb, a commute, a joke.
BBQ_OK = r"(?:garden|outside|parks?\b|beach|camping|camp|picnic|burgers?|sausages?|steaks?|grill|party\b|lads|friends\s+over|dinner|cook(?:ing|ed)?\b|cooking|roast|marshmallows?)"
HEIGHT_OK = r"(?:waiting\s+for\s+(?:my|a|her|his)\s+(?:mate|friend|date|bf|gf|boyfriend|girlfriend|mum|mom|mam|dad|sister|brother|lift|ride|taxi|uber|bus)\b|meet(?:ing)?\s+(?:up\b|(?:my|a)\s+(?:mate|friend|date|bf|gf|boyfriend|girlfriend|mum|mom|dad|sister|brother|colleague)\b)|always\s+late|running\s+late|view|sunset|sunrise|selfie|photos?|pictures?|pics|hiking|hike|climb(?:ing)?|bouldering|abseil|tourist|sightseeing|fireworks|picnic|walk(?:ing)?\s+the\s+dog|lunch|coffee|skydiv|bungee|paraglid|drone|wedding|festival|party\b|bbq|barbecue|gym|class(?:es)?\b|lecture|meeting|office|work\b|shift\b|traffic|bus\b|queue|smoke\s+break|vape|lol|lmao|haha|😂|🤣)"
RAIL_OK = r"(?:viewing|observation\s+deck|lookout|waterfall|falls\b|commute|commuting|to\s+work|for\s+work|to\s+school|to\s+uni|late\b|delayed|cancelled|canceled|signal\s+failure|strike|train\s+home|ticket|trainspott|photos?|pics?|model\s+(?:train|railway)|lego|games?\b|minecraft|station\s+staff|announcement|mind\s+the\s+gap|lol|haha|😂)"
FICTION_OK = r"(?:movie|film|shows?\b|series|episode|season|books?\b|novel|chapter|story|fanfic|fic\b|games?\b|gaming|levels?\b|boss(?:es)?\b|quest|character|npc|minecraft|fortnite|roblox|sims|gta|zelda|anime|manga|cosplay|play(?:s|ing|ed)?\b|rehearsal|songs?\b|lyrics|meme|tiktok\s+(?:trend|video)|documentary|podcast|true\s+crime|news\b|article)"
LAUGH = r"(?:lol|lmao|lmfao|haha\w*|hehe|rofl|😂|🤣|💀|jk|just\s+kidding|kidding)"
# The writer says in the same message that they will not act.
NOT_ACTING = r"(?:won't\s+do\s+(?:it|anything)|will\s+not\s+do\s+(?:it|anything)|not\s+going\s+to\s+(?:do|use)\s+(?:it|them|anything)|i'm\s+safe|i\s+am\s+safe|won't\s+use\s+(?:it|them)|gave\s+(?:it|them)\s+to)"
# A dose taken as told, for "i will take all …": a doctor or a pharmacy named is not enough
# ("i have the medicine from the camp doctor, i will take all tonight").
DOSE_AS_TOLD = r"(?:as\s+prescribed|every\s+(?:day|morning|night)|daily|with\s+(?:food|breakfast|dinner)|for\s+(?:my|the|a)\s+(?:headache|cold|flu|pain|period|back|tooth|migraine|allerg\w*)|vitamins?|antibiotics?|course\s+of)"
PRESCRIBED = r"(?:doc\b|docs?\s+said|chemo|as\s+prescribed|prescribed|every\s+(?:day|morning|night)|daily|with\s+(?:food|breakfast|dinner)|for\s+(?:my|the|a)\s+(?:headache|cold|flu|pain|period|back|tooth|migraine|allerg\w*)|vitamins?|antibiotics?|doctor|gp|pharmacy|refill)"

RULES_EN_ACTS: tuple[Rule, ...] = (
    # --- acts in progress or just done: an overdose ---------------------------------------
    # "took like 30 of my mums sleeping tablets", "swallowed the whole strip of paracetamol",
    # "took all my sertraline at once", "downed a load of ibuprofen and 20 codeine".
    Rule(
        rf"\b{SUBJECT_I}?\s*{SWALLOWED}\s+(?:like\s+|about\s+|around\s+|maybe\s+|over\s+|nearly\s+|almost\s+|at\s+least\s+)?{LOTS}\s+(?:of\s+)?(?:(?:my|me|the|his|her|their|mums?|moms?|mams?|dads?|nans?|grans?|ma's|me\s+ma's|\w+'s|\w+s)\s+){{0,3}}(?:\w+\s+)?{DRUGS}\b(?!\s+(?:as\s+prescribed|like\s+(?:the|my)\s+doctor|every\s+(?:day|morning|night)|this\s+morning\s+as))",
        INTENT,
        weight=2.0,
        acute=True,
        # "took all my pills today like the doc said": the day's dose, as told.
        benign=r"(?:(?:like|as)\s+(?:the\s+|my\s+)?(?:doc|doctor|gp|nurse|pharmacist)\s+(?:said|told|says)|as\s+prescribed|chemo|course\s+of|antibiotics|vitamins?|supplements?)",
    ),
    Rule(
        rf"\b{SWALLOWED}\s+(?:all\s+)?(?:my|me|the|his|her|\w+'s)\s+(?:\w+\s+)?{DRUGS}\s+(?:at\s+once|in\s+one\s+go|all\s+together|together|all\s+at\s+once)\b",
        INTENT,
        weight=2.0,
        acute=True,
    ),
    Rule(
        r"\b(?:took|taken|swallowed|downed|popped|had|ate)\s+(?:them|em|these|those|it|the\s+lot|everything|all\s+of\s+(?:them|it|em))\s*(?:all)?\b(?!\s+(?:out|to|home|with|back|off|in\b|for\s+a\s+walk|into))",
        INTENT,
        weight=2.0,
        acute=True,
        needs_risk=True,
        cue_alone=True,
    ),
    Rule(
        r"\b(?:took|taken|swallowed|drank|drunk|downed|had|ate|necked|injected)\s+(?:(?:a\s+)?handfuls?\s+of\s+whatever\s+(?:was|i\s+(?:found|had|could\s+find))\b|whatever\s+was\s+in\s+(?:the|my|our|mums?|moms?|dads?)\s+(?:medicine|meds?|pill|first\s+aid|bathroom)\s*(?:cabinet|cupboard|drawer|box|bag|kit)?)"
        r"|\b(?:took|taken|swallowed|drank|drunk|downed|had|ate|necked|injected)\s+(?:just\s+)?(?:everything|all)\s+(?:in|from)\s+(?:the|my|our|mums?|moms?|dads?)\s+(?:\w+\s+)?(?:cabinet|cupboard|drawer|box|bag|kit|bathroom|medicine|first\s+aid)",
        INTENT,
        weight=2.0,
        acute=True,
    ),
    Rule(
        rf"\b(?:drank|drunk|swallowed|took|taken|had|ate|downed|necked|injected)\s+(?:some\s+|the\s+|a\s+|a\s+bottle\s+of\s+|a\s+cup\s+of\s+|half\s+a\s+bottle\s+of\s+|the\s+whole\s+bottle\s+of\s+|the\s+|(?:like\s+|about\s+)?{LOTS}\s+(?:of\s+)?(?:the\s+|my\s+|some\s+)?)?(?:\w+\s+)?{POISONS}\b",
        INTENT,
        weight=2.0,
        acute=True,
    ),
    Rule(
        rf"\b{DRUGS}\s+(?:are|is)\s+(?:finally\s+|already\s+|definitely\s+)?(?:kicking\s+in|starting\s+to\s+work|working\s+now)\b",
        INTENT,
        weight=2.0,
        acute=True,
    ),
    # "inject all of it tonight", "going to take the whole box when ..."
    Rule(
        rf"\b(?:inject|take|swallow|drink|down|neck|use)\s+(?:all|every|the\s+whole|the\s+entire|the\s+lot|{LOTS})\s+(?:of\s+)?(?:it|them|the\s+\w+|my\s+\w+|{DRUGS}|{POISONS})?",
        PLAN,
        needs_risk=True,
    ),
    # Effects after taking something: risk only in the company of a means or an act.
    Rule(rf"\b{FEEL_EFFECT}\b", INTENT, weight=2.0, acute=True, needs_risk=True, context=False),
    # --- acts: a ligature ---------------------------------------------------------------
    Rule(
        rf"\b(?:the\s+|a\s+|my\s+|this\s+)?{LIGATURE}\s+(?:is\s+|'s\s+|already\s+)*(?:(?:tied\s+|wrapped\s+|tight\s+)?(?:around|round|on|over)\s+my\s+neck)",
        INTENT,
        weight=2.0,
        acute=True,
        benign=r"(?:\bties?\b|necktie|bow\s+tie|wedding|interview|suit|school\s+uniform|lanyard|necklace|scarf\s+(?:is\s+)?(?:so\s+)?(?:warm|cosy|cozy|nice))",
    ),
    Rule(
        rf"\b(?:put|got|tied|wrapped|placed|have|slipped)\s+(?:the\s+|a\s+|my\s+)?{LIGATURE}\s+(?:\w+\s+){{0,3}}(?:around|round|on|over)\s+(?:the\s+\w+\s+and\s+)?(?:my\s+)?neck",
        INTENT,
        weight=2.0,
        acute=True,
        benign=r"(?:\bties?\b|necktie|wedding|interview|uniform|lanyard|necklace|cold|winter|warm)",
    ),
    Rule(
        rf"\b(?:tied|tie|tying|hung|hanging|attached|fixed|secured|fastened|looped)\s+(?:the\s+|a\s+|my\s+|it|this)?\s*(?:{LIGATURE}\s+)?(?:up\s+)?(?:to|on|from|over|around|round)\s+(?:the\s+|a\s+|my\s+)?{ANCHOR_POINT}",
        INTENT,
        weight=2.0,
        acute=True,
        needs_risk=True,
        cue_alone=True,
        benign=r"(?:\bdog\b|boat|hammock|swing|tent|washing|laundry|clothes|tarp|bike|horse|christmas|decorations?|lights|balloons?|banner|bunting|plants?|curtains?)",
    ),
    Rule(
        r"\b(?:the\s+)?(?:noose|knot|loop)\s+(?:is\s+)?(?:done|tied|ready|up|set|holding|made|finished|hanging)\b|\bmade\s+(?:a|the)\s+noose\b|\b(?:tied|tying|made|making)\s+(?:a|the)\s+noose\b",
        INTENT,
        weight=2.0,
        acute=True,
        benign=r"(?:scouts?|sailing|boat|knots?\s+(?:class|badge)|climbing|fishing)",
    ),
    Rule(
        r"\bstanding\s+on\s+(?:the|a)\s+(?:chair|stool|box|bucket|ladder)\b",
        INTENT,
        weight=2.0,
        acute=True,
        needs_risk=True,
    ),
    # --- acts: gas, charcoal, exhaust ---------------------------------------------------------
    Rule(
        r"\b(?:lit|lighting|light|burning|started)\s+(?:the\s+|a\s+|some\s+)?(?:disposable\s+)?(?:bbq|barbecue|charcoal|coals?|briquettes?|grill|brazier|heater)\s+(?:\w+\s+){0,3}(?:in|inside)\s+(?:my|the|our)\s+(?:room|bedroom|car|tent|bathroom|flat|van|garage)",
        INTENT,
        weight=2.0,
        acute=True,
        benign=BBQ_OK,
    ),
    Rule(
        r"\b(?:taped|sealed|blocked|stuffed)\s+(?:up\s+)?(?:the|all\s+the|every)\s+(?:door|doors|windows?|vents?|gaps?|cracks)\b",
        INTENT,
        weight=2.0,
        acute=True,
        benign=r"(?:draught|draft|cold|winter|insulat|moths?|mice|spiders?|bugs?|smell\s+of\s+paint|hurricane|storm|paint(?:ing)?|decorat)",
    ),
    Rule(
        r"\b(?:hose|pipe|tube)\s+(?:\w+\s+){0,3}(?:from|to|into|on|in)\s+(?:the\s+)?(?:exhaust|tailpipe|car\s+window|window)|\b(?:in|inside)\s+(?:the|my)\s+car\s+(?:\w+\s+){0,4}(?:engine|motor)\s+(?:is\s+)?(?:on|running)\b|\b(?:engine|motor|car)\s+(?:is\s+)?running\s+(?:\w+\s+){0,3}(?:garage|door(?:'s|\s+is)?\s+(?:shut|closed))|\bin\s+the\s+garage\s+with\s+the\s+(?:engine|car)\s+(?:on|running)",
        INTENT,
        weight=2.0,
        acute=True,
    ),
    Rule(
        r"\b(?:turned|turn|left|put)\s+(?:on\s+)?the\s+gas\s+(?:on|up)?\s*(?:\w+\s+){0,3}(?:without|and\s+(?:didn't|did\s+not)\s+light|not\s+lit)|\b(?:bag|plastic\s+bag)\s+(?:over|on)\s+my\s+head|\bhelium\s+(?:tank|canister|bottle)?\s*(?:and|with)\s+(?:a|the)\s+bag",
        INTENT,
        weight=2.0,
        acute=True,
    ),
    # --- acts: at a height, on the tracks, in the water --------------------------------------
    Rule(
        rf"\b(?:standing|stood|sitting|sat|stand|sit|perched|leaning|hanging|dangling|lying|laying)\s+(?:\w+\s+){{0,2}}(?:on|at|over|off|by|near)\s+(?:the\s+|a\s+|my\s+|this\s+)?(?:very\s+)?(?:edge|ledge|side|top|end|wrong\s+side)\s+(?:of\s+)?(?:the\s+|a\s+|my\s+|this\s+)?(?:\w+\s+){{0,2}}(?:{HIGH_PLACE}|{RAIL_PLACE}|railing|railings|fence|barrier|wall)\b",
        INTENT,
        weight=2.0,
        acute=True,
        benign=HEIGHT_OK,
    ),
    Rule(
        rf"\b(?:i'm|im|i\s+am|i've\s+been|been|i'm\s+just|currently|sitting|standing|sat|stood)\s+(?:\w+\s+){{0,2}}(?:on|at|up\s+on|on\s+top\s+of|at\s+the\s+top\s+of)\s+(?:the\s+|a\s+|my\s+|this\s+)?(?:\w+\s+){{0,3}}{HIGH_PLACE}\b",
        METHOD_MEANS,
        benign=HEIGHT_OK
        + r"|(?:fix|fixing|repair|tiles?|gutters?|roofer|roofing|chimney|aerial|satellite|solar|panels?|ball|frisbee|kite|cat\s+(?:is\s+)?stuck|over\s+my\s+head|scaffold)",
    ),
    Rule(
        r"\b(?:on|at|over|beyond|past|outside)\s+the\s+(?:wrong|other)\s+side\s+of\s+the\s+(?:railing|railings|fence|barrier|rail|parapet|wall)|\b(?:legs|feet)\s+(?:are\s+)?(?:dangling\s+)?(?:over|off)\s+the\s+(?:side|edge|ledge)|\bclimbed\s+(?:over|onto)\s+the\s+(?:railing|railings|barrier|fence|parapet|ledge)|\blooking\s+down\s+(?:at|from)\s+(?:the\s+)?(?:\w+\s+)?(?:drop|water|cars|road|street|traffic|tracks)",
        INTENT,
        weight=2.0,
        acute=True,
        benign=HEIGHT_OK,
    ),
    Rule(
        r"\b(?:standing|stood|sitting|sat|lying|laying|lay|lie|walking|waiting|kneeling)\s+(?:\w+\s+){0,2}(?:on|in\s+the\s+middle\s+of|between|across|at\s+the\s+(?:very\s+)?(?:end|edge)\s+of|near\s+the\s+edge\s+of)\s+(?:the\s+)?(?:\w+\s+)?(?:tracks?|train\s+tracks|railway\s+(?:line|tracks?)|rails|level\s+crossing|railway\s+crossing|platform|motorway|highway|freeway)\b",
        INTENT,
        weight=2.0,
        acute=True,
        benign=RAIL_OK,
    ),
    Rule(
        r"\b(?:train|trains|next\s+train|freight\s+train|express)\s+(?:\w+\s+){0,3}(?:comes?|coming|due|passes|goes\s+through|doesn't\s+stop|will\s+be\s+here)\s+(?:\w+\s+){0,4}(?:minutes?|mins?|soon|any\s+(?:minute|second)|now)\b",
        METHOD_MEANS,
        needs_risk=True,
        cue_alone=True,
        benign=RAIL_OK,
    ),
    Rule(
        r"\b(?:lights|barriers|bells)\s+(?:have\s+)?(?:started\s+)?(?:flashing|coming\s+down|ringing)\b",
        INTENT,
        weight=2.0,
        acute=True,
        needs_risk=True,
    ),
    Rule(
        rf"\b(?:walked|walking|waded|wading|swimming|swam|going|went|stepped)\s+(?:out\s+)?(?:into|in)\s+the\s+(?:freezing\s+|cold\s+|dark\s+)?{WATER}\b(?:\s+(?:up\s+to|until|till)\s+my\s+(?:chest|neck|waist|knees))?|\bpockets?\s+(?:\w+\s+){{0,2}}(?:full\s+of|filled\s+with|with)\s+(?:stones|rocks|bricks|weights)\b|\b(?:up\s+to|till)\s+my\s+(?:chest|neck)\s+in\s+(?:the\s+)?(?:water|sea|river|lake)",
        INTENT,
        weight=2.0,
        acute=True,
        benign=r"(?:ashes|scatter|send\s?off|memorial|funeral|swim(?:ming)?\s+(?:lesson|club|training|costume)|wetsuit|surf|paddl|holiday|beach\s+day|ice\s+bath|cold\s+water\s+swim|wild\s+swim|dip|sauna|lol|haha|😂)",
    ),
    # --- acts: bleeding and deep cuts ---------------------------------------------------------
    Rule(
        r"\b(?:bleeding|blood|the\s+cut|cuts|it)\s+(?:\w+\s+){0,2}(?:won't|wont|will\s+not|isn't|is\s+not|not|doesn't|does\s+not|can't|cannot)\s+(?:stop|stopping|slowing)\b|\b(?:so\s+much|lots\s+of|loads\s+of|a\s+lot\s+of|pool\s+of)\s+blood\b|\bblood\s+(?:everywhere|all\s+over|on\s+the\s+floor|is\s+pouring|pouring|gushing|soaked|dripping)|\b(?:soaked|soaking)\s+(?:through|in\s+blood)|\bbleeding\s+(?:a\s+lot|heavily|badly|so\s+much|loads|out)\b",
        INTENT,
        weight=2.0,
        acute=True,
        benign=r"(?:nose\s?bleed|nosebleed|period|tampon|pad|dentist|tooth|gums|shaving|paper\s+cut|kitchen|cooking|chopping|knife\s+slipped|fell\s+off|football|rugby|match|game|film|movie|horror|zombie|lol|haha|😂)",
    ),
    Rule(
        r"\bcut\s+(?:\w+\s+){0,2}(?:too\s+deep|way\s+too\s+deep|deeper\s+than|really\s+deep|so\s+deep|deep\s+this\s+time|too\s+far)|\bwent\s+too\s+(?:deep|far)\s+(?:this\s+time|with\s+(?:the|my)\s+(?:cut|blade|razor))|\bcan\s+see\s+(?:the\s+)?(?:fat|bone|tendons?|white\s+stuff|stuff\s+i\s+shouldn't|inside)\b|\bcut\s+(?:open\s+)?(?:both|my)\s+(?:wrists?|arms?)\s+open\b|\bcut\s+(?:my\s+)?(?:\w+\s+)?(?:arm|wrist|wrists|arms|leg|thigh)\s+open\b",
        INTENT,
        weight=2.0,
        acute=True,
        benign=r"(?:kitchen|cooking|chopping|knife\s+slipped|accident|glass\s+broke|surgery|stitches\s+from\s+the|lol|haha)",
    ),
    Rule(
        rf"\b(?:in|into)\s+the\s+bath\s+with\s+(?:a|the|my)\s+{BLADE}|\b(?:i've|i\s+have|i)\s+started\s+(?:cutting|it|now)\b|\b(?:already\s+)?started\s+cutting\b",
        INTENT,
        weight=2.0,
        acute=True,
    ),
    # --- acts: someone announcing it is done -----------------------------------------------
    Rule(
        r"\b(?:i\s+(?:actually\s+|finally\s+|already\s+|just\s+)?did\s+it|(?:i've|ive|i\s+have)\s+(?:already\s+)?done\s+it|already\s+done\s+it|it's\s+(?:already\s+)?done|it\s+is\s+done|it's\s+happening|it's\s+started|it\s+has\s+started|did\s+the\s+thing)\b",
        INTENT,
        weight=2.0,
        acute=True,
        needs_risk=True,
        cue_alone=True,
        benign=r"(?:exam|test|interview|assignment|essay|homework|project|presentation|driving|passed|job|marathon|tattoo|piercing|haircut|proud|finally\s+told|came\s+out|yay|woo|🎉|lol|haha)",
    ),
    # --- goodbyes and final messages --------------------------------------------------------
    Rule(
        r"\b(?:this\s+is|this'll\s+be|this\s+will\s+be|here's)\s+(?:my|the)\s+(?:very\s+)?(?:last|final)\s+(?:message|msg|text|words|thing\s+i(?:'ll|\s+will)?\s+(?:ever\s+)?(?:say|write|send))|\b(?:my|the)\s+(?:last|final)\s+(?:message|msg|text|words)\s+(?:to\s+anyone|ever|to\s+(?:you|u|the\s+world))|\blast\s+thing\s+i(?:'ll|\s+will)\s+ever\s+(?:write|say|send)",
        INTENT,
        weight=2.0,
        acute=True,
        benign=r"(?:before\s+(?:bed|i\s+sleep|sleep|work|school|class|my\s+exam|i\s+go\s+to\s+sleep)|for\s+(?:tonight|today|now|the\s+night|the\s+day)|\bnight\b|gn\b|good\s*night|tomorrow|later|\bttyl\b|talk\s+soon|phone\s+(?:is\s+)?(?:dying|on\s+\d+%?\s*(?:battery)?)|battery|data|credit|signal)",
    ),
    Rule(
        r"\b(?:good\s?bye|bye|farewell)\s+(?:for\s+(?:good|ever|the\s+last\s+time)|forever|everyone\s+for\s+good)\b|\b(?:logging|signing|checking)\s+(?:off|out)\s+(?:for\s+good|forever|permanently|for\s+the\s+last\s+time)\b|\b(?:it's|it\s+has|its)\s+been\s+(?:nice|good|real|lovely)\s+knowing\s+(?:you|u|ya|everyone|you\s+all|yall|y'all)\b|\bsee\s+(?:you|u|ya)\s+(?:on\s+the\s+other\s+side|in\s+(?:another|the\s+next)\s+life)\b|\bthis\s+is\s+(?:good\s?bye|farewell|where\s+i\s+(?:get\s+off|leave|stop))\b|\bsaying\s+(?:good\s?bye|bye)\s+(?:to\s+(?:everyone|every\s+one|you\s+all|the\s+world|a\s+real\s+person)|before\s+i\s+go)\b",
        INTENT,
        weight=2.0,
        acute=True,
        benign=rf"(?:{LAUGH}|for\s+now|see\s+(?:you|u|ya)\s+(?:tomorrow|soon|later|next)|coursework|homework|essay|assignment|dissertation|thesis|twitter|facebook|instagram|tiktok|social\s+media|this\s+app|the\s+group\s?chat|moving|new\s+job|leaving\s+(?:the\s+)?(?:company|job|school)|retire|graduat|last\s+day\s+at)",
    ),
    Rule(
        rf"\b(?:tell|let)\s+(?:my|me|our)\s+(?:\w+\s+)?{PEOPLE_CLOSE}\s+(?:know\s+)?(?:that\s+)?(?:i'm\s+sorry|i\s+am\s+sorry|sorry|i\s+love(?:d)?\s+(?:them|him|her|you)|(?:it's|it\s+is|it\s+was|it\s+wasn't|it\s+isn't|its)\s+not\s+(?:their|his|her|your|ur)\s+fault|it\s+wasn't\s+(?:their|his|her)\s+fault|i\s+(?:tried|did\s+my\s+best)|not\s+to\s+blame\s+(?:them|him|her)self)",
        INTENT,
        weight=2.0,
        acute=True,
    ),
    Rule(
        rf"\b(?:it's|it\s+is|it\s+was|it\s+wasn't|its|it\s+isn't)\s+(?:not\s+)?(?:your|ur|their|his|her|anyone's|anybody's|nobody's|no\s+one's)\s+fault\b(?=[^.!?]*\b(?:bye|goodbye|love|sorry|take\s+care|look\s+after|i'm\s+going|forever|anymore)\b)|\b(?:please\s+)?(?:look\s+after|take\s+care\s+of|feed|walk|find\s+a\s+home\s+for)\s+(?:my|me)\s+(?:\w+\s+)?{PET}\s+(?:for\s+me\s+)?(?:when\s+i'm\s+gone|after|pls|please|ok|okay|for\s+me|x+|$|[.!])",
        INTENT,
        weight=2.0,
        acute=True,
        needs_risk=True,
        cue_alone=True,
    ),
    Rule(
        r"\b(?:talk|speak|say\s+bye|say\s+goodbye|chat)\s+(?:to|with)\s+(?:someone|somebody|a\s+(?:real\s+)?(?:person|human)|anyone)\s+(?:\w+\s+){0,2}(?:one\s+last\s+time|for\s+the\s+last\s+time|before\s+i\s+(?:go|do\s+it|leave|die))|\b(?:one|a)\s+last\s+time\s+before\s+i\s+(?:go|do\s+it|leave)|\b(?:wanted|want|needed)\s+(?:to\s+)?(?:talk|speak)\s+to\s+(?:someone|somebody|a\s+person)\s+(?:first|before)\b|\bwanted\s+someone\s+to\s+know\b|\bjust\s+wanted\s+to\s+(?:tell|say\s+(?:bye|goodbye)\s+to)\s+(?:someone|a\s+real\s+person|somebody)\b|\b(?:the\s+)?last\s+person\s+i\s+(?:wanted|want|will|'ll)\s+(?:to\s+)?(?:talk|speak)\s+to\b",
        INTENT,
        weight=2.0,
        acute=True,
    ),
    Rule(
        r"\b(?:thank\s+(?:you|u)|thanks|ty)\s+(?:so\s+much\s+)?for\s+(?:everything|trying|being\s+(?:nice|kind|there)|listening|all\s+you\s+did|caring)\b|\bsorry\s+for\s+(?:everything|wasting\s+(?:your|ur)\s+time|being\s+a\s+burden|all\s+the\s+trouble)\b|\b(?:i\s+)?love\s+(?:you\s+all|u\s+all|yall|y'all|everyone|you\s+guys)\b|\bbe\s+(?:nice|kind)\s+to\s+each\s+other\b|\btake\s+care\s+of\s+(?:yourself|urself|yourselves|each\s+other|mum|mom|dad)\b|(?:^|[.!?,;:]\s*|\b(?:ok|okay|so|anyway|well|and)\s+)(?:good\s?bye|bye(?:\s+bye)?|farewell)(?:\s+(?:everyone|all|every\s+one|world|guys|then|now|x+|permanently|for\s+real))?\s*[.!?x❤️💙🖤🤍💔✨]*\s*$",
        PLAN,
        needs_risk=True,
        cue_alone=True,
        benign=r"(?:helped|helpful|feel\s+(?:a\s+bit\s+|a\s+lot\s+|so\s+much\s+)?better|calmer|see\s+(?:you|u)|talk\s+(?:tomorrow|soon|later)|tomorrow|next\s+(?:week|time)|for\s+now|good\s*night|\bnight\b|sleep\s+well|ttyl|\bgn\b)",
    ),
    # --- more acts and means in chat words ------------------------------------------------------
    Rule(
        rf"\b{SWALLOWED}\s+(?:all\s+)?(?:of\s+)?(?:my|me|the|his|her|\w+'s|\w+s)\s+(?:\w+\s+)?{DRUGS}\b[^.!?\n]{{0,40}}?\b(?:the\s+whole|all\s+of\s+(?:them|it|em)|every\s+(?:one|last\s+one)|(?:the\s+)?(?:whole\s+)?(?:month|week)'?s?\s+(?:worth|supply)|the\s+lot|the\s+whole\s+(?:box|pack|bottle|lot|strip|packet))",
        INTENT,
        weight=2.0,
        acute=True,
    ),
    Rule(
        rf"\b(?:took|taken|swallowed|downed|popped)\s+(?:the|my|those|these|all\s+the|some)\s+(?:\w+\s+)?{DRUGS}\b",
        INTENT,
        weight=2.0,
        acute=True,
        needs_risk=True,
        cue_alone=True,
        benign=r"(?:as\s+prescribed|prescribed|every\s+(?:day|morning|night)|daily|with\s+(?:food|breakfast|dinner)|this\s+morning|for\s+(?:my|the|a)\s+(?:headache|cold|flu|pain|period|back|tooth|migraine|allerg)|vitamins?|antibiotics?|remember(?:ed)?\s+to|forgot|on\s+time|doctor\s+said|like\s+(?:i'm|i\s+am)\s+supposed|pill\s+reminder)",
    ),
    Rule(
        rf"\b(?:i\s+)?(?:have|got|'ve\s+got|holding|have\s+got|with)\s+(?:the|a|my|some|enough|his|her|dad's|mum's|\w+'s|all\s+(?:my|the|of\s+my))\s+(?:\w+\s+){{0,2}}(?:{DRUGS}|{POISONS}|{BLADE}|{LIGATURE}|gun|rifle|shotgun|pistol|charcoal|helium|hose)\s+(?:\w+\s+){{0,3}}(?:here|with\s+me|in\s+my\s+(?:hand|hands|pocket|bag|room|lap)|next\s+to\s+me|ready|in\s+front\s+of\s+me|on\s+(?:me|the\s+(?:bed|desk|table|floor))|now|rn|right\s+now|tonight|lined\s+up|counted\s+out|all\s+ready)",
        METHOD_MEANS,
        benign=BBQ_OK
        + "|"
        + FICTION_OK
        + r"|(?:as\s+prescribed|for\s+(?:my|the|a)\s+(?:headache|cold|flu|pain)|cooking|chopping|vegetables|dinner|recipe|shaving|work|job|shift|camping|climbing|garden|craft|art|sewing|present|wrapping|cleaning)|"
        + NOT_ACTING,
    ),
    Rule(
        r"\b(?:the\s+)?(?:rope|cord|belt|noose)(?:'s|\s+is)\s+(?:up|hanging)\b|\b(?:car|engine)\s+(?:is\s+)?(?:running|on)\s+(?:\w+\s+){0,3}windows?\s+(?:are\s+|is\s+)?(?:up|shut|closed)|\b(?:charcoal|coals|briquettes|fumes|smoke)\s+(?:\w+\s+){0,4}(?:room|bedroom|car|tent|bathroom|hazy|getting\s+thick|sleepy)|\b(?:room|car|tent)\s+(?:is\s+)?(?:getting\s+)?(?:hazy|smoky|full\s+of\s+(?:smoke|fumes))\b",
        INTENT,
        weight=2.0,
        acute=True,
        benign=BBQ_OK + r"|(?:fire\s+alarm|burnt\s+(?:the\s+)?toast|candle|incense|vape|cooking)",
    ),
    Rule(
        r"\b(?:i'm|im|i\s+am|now|already)\s+(?:\w+\s+)?in\s+the\s+(?:river|sea|ocean|lake|canal|water|reservoir)\b|\bclimb(?:ing|ed)?\s+over\s+(?:the\s+)?(?:railing|railings|barrier|fence|edge|side|wall|parapet)?\b|\b(?:walking|heading|driving|going|cycling|on\s+my\s+way|getting\s+the\s+bus)\s+(?:back\s+)?(?:to|towards)\s+the\s+(?:\w+\s+)?(?:bridge|cliffs?|tracks|railway|river|roof|car\s*park|multi-?stor(?:e)?y|station|sea|beach|quarry|woods|forest)\s+(?:now|rn|right\s+now|tonight|alone)\b",
        METHOD_MEANS,
        benign=HEIGHT_OK
        + "|"
        + RAIL_OK
        + r"|(?:swim(?:ming)?|kayak|canoe|paddle|surf|fishing|boat|dog|picnic|friends|date|lads)",
    ),
    Rule(
        r"\b(?:i've|i\s+have|i|got|have)\s+(?:got\s+)?(?:everything|it\s+all|all\s+of\s+it|what\s+i\s+need)\s+(?:\w+\s+)?(?:ready|here|sorted|planned|with\s+me|i\s+need)\b|\b(?:have|got)\s+it\s+all\s+ready\b|\beverything(?:'s|\s+is)\s+(?:ready|set|in\s+place|planned)\b|\b(?:don't|dont|do\s+not)\s+(?:try\s+to\s+)?(?:talk\s+me\s+out\s+of\s+it|stop\s+me|call\s+(?:anyone|anybody|the\s+police|an\s+ambulance|999|911))\b|\b(?:won't|wont)\s+need\s+(?:it|them|this|that|any\s+of\s+(?:it|this))\s+(?:any\s?more|where\s+i'm\s+going|after|soon)\b|\bi'm\s+doing\s+it\b(?!\s+(?:for|with|because|right|later|tomorrow|next))|\bpermanently\s+(?:logging\s+off|leaving|going\s+offline|offline)\b",
        INTENT,
        weight=2.0,
        needs_risk=True,
        cue_alone=True,
        benign=r"(?:party|trip|holiday|exam|interview|move|moving|packing|wedding|presentation|surprise|game|match|recipe|cake|homework|project|app|account|phone|uni|course|gym\s+(?:is\s+)?closing|subscription)",
    ),
    Rule(
        r"\b(?:know|found\s+out|worked\s+out|figured\s+out|decided)\s+(?:exactly\s+)?(?:which|what|where|the)\s+(?:tree|bridge|building|train|floor|spot|place|cliff|roof|car\s*park|station|dose|amount|height)\b|\bwhich\s+(?:bridge|building|train|floor|cliff)\s+(?:has\s+no|doesn't|doesnt|does\s+not|is\s+(?:high|tall)\s+enough)|\b(?:googling|googled|looking\s+up|looked\s+up|searching|searched|researching|checked|checking)\s+(?:up\s+)?(?:how\s+(?:high|tall|far|many|much|long|deep)|what\s+(?:height|dose|amount))\b|\bhow\s+many\s+(?:\w+\s+){0,4}(?:would|will|it\s+would)\s+(?:do\s+it|be\s+enough|take)\b|\b(?:keep\s+)?planning\s+how\s+(?:i'd|i\s+would|i'll|to)\s+do\s+it\b|\b(?:think|thinking|thought)\s+about\s+how\s+(?:i'd|i\s+would|i'll|i\s+will|i\s+could|to)\s+(?:do\s+it|end\s+it|go|die)\b|\bthinking\s+about\s+methods\b|\bworking\s+out\s+the\s+speed\b",
        PLAN,
        weight=2.0,
        benign=FICTION_OK
        + r"|(?:homework|assignment|project|maths?|physics|exam|quiz|revision|diy|recipe|hike|trip|holiday|route|commute)",
    ),
    # --- warning signs: goodbyes, going, means at hand ------------------------------------------
    Rule(
        r"\b(?:good\s?bye|bye\s+bye|bye+|farewell|cya\s+never|adios)\b(?!\s+(?:for\s+now|to\s+(?:my|the|our|his|her)|from))|\b(?:i'm|im|i\s+am)\s+going\s+(?:now|tonight|soon)\s*[.!]*\s*$|\bgoing\s+now\b",
        WARNING_SIGN,
        benign=r"(?:see\s+(?:you|u|ya)|talk\s+(?:to\s+(?:you|u)\s+)?(?:tomorrow|soon|later|next)|tomorrow|next\s+(?:week|time|session)|for\s+now|good\s*night|\bnight\b|sleep\s+(?:well|tight)|ttyl|\bgn\b|later|helped|helpful|feel\s+(?:a\s+bit\s+|a\s+lot\s+|so\s+much\s+)?better|said\s+(?:good\s?bye|bye)\s+to|airport|station\s+to\s+see|party|school|class|work|shop|gym|bus|train\s+home|dinner|lunch|movie|film|song|lyrics|game|episode|lol|haha|😂|\bxd\b)",
    ),
    Rule(
        rf"\b(?:i've|i\s+have|i've\s+got|i\s+got|got|have|holding|my)\s+(?:\w+\s+){{0,2}}(?:gun|shotgun|rifle|pistol|noose|rope|charcoal|helium|hose|{POISONS}|(?:\w+'s\s+)?(?:pills|tablets|meds|insulin|sleeping\s+pills|painkillers))\b",
        WARNING_SIGN,
        benign=BBQ_OK
        + "|"
        + FICTION_OK
        + r"|(?:as\s+prescribed|prescribed|for\s+(?:my|the|a)\s+(?:headache|cold|flu|pain|period|back|allerg)|every\s+(?:day|morning|night)|daily|doctor|gp|pharmacy|refill|collect|forgot|remember|vitamins?|hunting|range|licen[cs]e|club|farm|cattle|sheep|pest|rabbits|foxes|garden|watering|car\s+wash|balloons?|party|climbing|camping|boat|sailing|tent|jump\s?rope|skipping|cleaning|laundry)|"
        + NOT_ACTING,
    ),
    # --- the warning-sign vocabulary: words that in a crisis chat call for a counselor's
    # look (medium) and let the model judge; harmless company keeps them low ----------------
    Rule(
        rf"\b(?:{DRUGS}|{POISONS}|overdos\w*|co-?codamol|antihistamines?|(?:bottle|box|boxes|pack|packet|packets|strip|strips|blister\s+packs?|tub)\s+of|the\s+whole\s+(?:bottle|box|pack|packet|strip|lot)|took\s+(?:too\s+many|loads|a\s+lot|something|everything|the\s+lot|it\s+all|heaps|way\s+too\s+much)|(?:taken|took|swallowed|necked|downed)\s+(?:them|the\s+lot|loads|it\s+all|a\s+load)|(?:minutes?|an?\s+hour|hours?|mins?)\s+ago)\b",
        WARNING_SIGN,
        benign=PRESCRIBED
        + r"|(?:headache|hangover|cold|flu|fever|period\s+pain|toothache|hay\s?fever|chemist|prescription\s+(?:ready|collected)|vet|dog|cat|garden|weeds|cleaning|laundry|fell\s+asleep|woke\s+up|got\s+home|arrived|left\s+(?:work|school|the\s+house)|started|finished|ate|dinner|lunch|breakfast|bus|train\s+(?:was|is)\s+(?:late|delayed)|called|texted|rang|messaged|posted)|"
        + NOT_ACTING,
    ),
    Rule(
        r"\b(?:rope|noose|ligature|cord\s+(?:is|round|around)|belt\s+(?:is\s+)?(?:round|around)|(?:round|around)\s+my\s+neck|(?:the\s+)?beam|bannisters?|banisters?|chair\s+kicked|kick\s+the\s+(?:chair|stool)|shower\s+rail|ledge|railings?|wrong\s+side|the\s+edge|cliffs?|quarry|overpass|flyover|motorway|hard\s+shoulder|level\s+crossing|(?:the\s+)?(?:train\s+)?tracks|freight|train\s+horn|platform\s+edge|in\s+front\s+of\s+(?:a|the)\s+(?:train|lorry|truck|bus|car)|(?:up\s+)?to\s+my\s+(?:waist|chest|neck)|stones\s+in\s+my\s+pockets|charcoal|taped\s+(?:up\s+)?(?:the\s+)?(?:door|doors|windows?|vents?)|engine\s+(?:running|going|on)|exhaust|(?:the\s+)?garage\s+door|seat\s?belt|foot\s+down|drive\s+(?:off|into)|off\s+the\s+road|blade|razor|gaping|deep(?:er)?\s+(?:cut|cuts|this\s+time)|blood|bleeding|wrists?|slurring|threw\s+up|throwing\s+up|heart(?:'s|\s+is)?\s+(?:going\s+mad|racing|pounding)|can't\s+feel\s+my|hands\s+don't\s+work|spinning|going\s+numb|so\s+sleepy)\b",
        WARNING_SIGN,
        benign=BBQ_OK
        + "|"
        + FICTION_OK
        + "|"
        + HEIGHT_OK
        + "|"
        + RAIL_OK
        + r"|(?:climb|abseil|gym|boxing|rugby|football|match|training|cooking|chopping|shaving|nose\s?bleed|period|dentist|blood\s+(?:test|donor|donation|pressure|sugar)|giving\s+blood|diy|tools|work\s+(?:van|site)|fixing|repair|mechanic|mot\b|service|driving\s+(?:lesson|test)|rollercoaster|fairground|ride|dizzy\s+spell|hungover|hangover|dancing|danced|festival|drunk\s+(?:last|at)|party|pub)|"
        + NOT_ACTING,
    ),
    Rule(
        r"\b(?:last\s+(?:chat|message|msg|text|time|thing|night\s+on\s+earth)|nice\s+knowing\s+(?:you|u|ya|everyone)|ta\s?ra|i'm\s+out\b|im\s+out\b|it's\s+over|(?:don't|dont)\s+be\s+sad|(?:won't|wont|not\s+going\s+to|not\s+gonna)\s+be\s+(?:around|here)|after\s+tonight|(?:don't|dont)\s+(?:call|ring|phone)\s+(?:anyone|anybody|the\s+police|an\s+ambulance|999|911|112|000)|please\s+(?:don't|dont)\s+(?:call|tell|try|come)|tell\s+(?:my|her|him|them)\b|(?:not|never)\s+(?:your|ur|her|his|their)\s+fault|sorry\s+for\s+(?:everything|wasting|all\s+of\s+this)|reads?\s+this|look\s+after\s+(?:my|the|her|him|mum|mom|dad)|one\s+last|no\s+more\s+(?:waiting|pain|of\s+this)|done\s+it|it's\s+done|doing\s+it|going\s+(?:now|off\s+now)|(?:everyone|everybody|the\s+house|they)(?:'s|\s+is|\s+are|'re)\s+(?:asleep|out|gone|away))\b",
        WARNING_SIGN,
        benign=r"(?:see\s+(?:you|u|ya)|talk\s+(?:to\s+(?:you|u)\s+)?(?:tomorrow|soon|later)|next\s+(?:week|time|session)|for\s+now|good\s*night|sleep\s+(?:well|tight)|(?:going|off|go|heading)\s+to\s+(?:sleep|bed)|(?:sleep|bed)\s+now|bedtime|ttyl|helped|helpful|feel\s+(?:a\s+bit\s+|a\s+lot\s+|so\s+much\s+)?better|calmer|homework|assignment|essay|exam|test|project|chores|dishes|laundry|shopping|tax|game|match|episode|series|movie|film|party|shift|gig|concert|holiday|trip|surprise|present|birthday|wedding)",
    ),
    Rule(
        r"\b(?:balcony|(?:\d+|ten|twelve|fifteen|twenty)(?:st|nd|rd|th)?\s+(?:floor|storey|story|floors\s+(?:up|down|high))|top\s+floor|stairwell|rooftop|on\s+the\s+roof|crane|scaffold(?:ing)?|car\s*park|multi-?stor(?:e)?y|yellow\s+line|platform|the\s+tracks|bridge|pier|jetty|gorge|waterfall|the\s+woods|up\s+here|down\s+there|the\s+drop|one\s+leg\s+over|over\s+the\s+(?:edge|side|railing|barrier)|sat\s+on\s+the\s+wall|the\s+(?:next|fast|express)\s+(?:one|train)|let\s+(?:\d+|two|three|a\s+few)\s+(?:go|trains)\s+(?:past|by))\b",
        WARNING_SIGN,
        benign=HEIGHT_OK
        + "|"
        + RAIL_OK
        + "|"
        + FICTION_OK
        + r"|(?:fix|fixing|repair|tiles?|gutters?|roofer|roofing|bridge\s+(?:club|game|loan|course|job|role)|dental\s+bridge|nose|apartment\s+(?:hunting|viewing)|moved|moving|flat\s+(?:on|is)|lift|elevator|neighbou?rs?|wifi|signal|parking\s+(?:ticket|space|fine)|parked|shopping|cinema|restaurant|cafe|pub|bar\b|club\b|gig|concert|plants?|laundry|washing|bbq|barbecue|smok(?:e|ing)|vap(?:e|ing))"
        + "|"
        + NOT_ACTING,
    ),
    Rule(
        r"\b(?:swallowed|taking\s+them\s+(?:now|all)|took\s+(?:something|some\s+stuff|a\s+load)|after\s+what\s+i\s+(?:took|had|did)|(?:drowsy|woozy|sleepy|groggy)\s+(?:after|from|now)|bought\s+(?:all|as\s+many\s+as)\s+(?:they(?:'d|\s+would)\s+sell|i\s+could)|gas\s+(?:bottle|canister|cylinder|tap|hob|hobs|oven)\s+(?:\w+\s+){0,5}(?:open|on|in\s+the\s+room)|gas\s+(?:is\s+)?(?:on|open)|tried\s+to\s+gas\s+myself|(?:heading|going|signing|checking)\s+(?:off|out)\s+(?:now\s+)?for\s+good|for\s+good\b|letters?\s+(?:is|are)\s+(?:on|in|under)|(?:make\s+sure\s+)?someone\s+finds?\s+(?:them|it|me)|before\s+(?:my\s+)?(?:mum|mom|dad|wife|husband|kids|family)\s+(?:does|finds|gets\s+home|wakes)|(?:this\s+is|that's|it's)\s+the\s+last\s+(?:one|chat|time|message)|last\s+(?:one|chat)\b|(?:won't|wont)\s+be\s+(?:needing|using)|see\s+(?:you|ya|u)\s+never)\b",
        WARNING_SIGN,
        benign=PRESCRIBED
        + "|"
        + FICTION_OK
        + r"|(?:cough|sweet|gum|pill\s+whole\s+because|for\s+good\s+(?:reason|cause|measure|luck)|good\s+for\s+good|for\s+good\s+now\s+(?:i|we)\s+(?:quit|stopped)|quit\s+smoking|stopped\s+(?:drinking|smoking|vaping)|cooking|oven\s+(?:is\s+)?on\s+for|boiler|heating|camping|caravan\s+holiday|bbq|barbecue|left\s+the\s+gas\s+on\s+(?:by\s+accident|accidentally))"
        + "|"
        + NOT_ACTING,
    ),
    Rule(
        rf"\b(?:the\s+|my\s+)?{LIGATURE}(?:'s|\s+is)\s+(?:on|over|round|around|tied\s+to|attached\s+to)\s+(?:the\s+)?{ANCHOR_POINT}|\b(?:chair|stool)(?:'s|\s+is)\s+in\s+place|\b(?:one|my)\s+foot\s+on\s+the\s+(?:rail|rails|ledge|edge|railing)|\b(?:swerve|drive|crash|steer|plough|plow)\s+(?:\w+\s+){{0,2}}(?:into|off|towards)\s+(?:the\s+|a\s+)?(?:next\s+)?(?:truck|lorry|wall|tree|bridge|river|sea|cliff|dam|barrier|oncoming|road)|\bdriving\s+(?:at\s+)?\d{{3}}\s+(?:towards|into|at)|\bdrove\s+(?:\w+\s+)?into\s+the\s+(?:dam|river|sea|lake|quarry|water)|\bwater's\s+coming\s+in|\b(?:not|never)\s+(?:going\s+to|gonna)\s+make\s+it\s+(?:to|till|until)\s+(?:morning|tomorrow|the\s+morning)|\bi(?:'ve|\s+have)\s+made\s+sure\s+of\s+(?:that|it)|\b(?:i'll|ill|i\s+will)\s+be\s+gone\s+by\b|\bworking\s+up\s+to\s+it\b",
        INTENT,
        weight=2.0,
        acute=True,
        benign=FICTION_OK
        + "|"
        + LAUGH
        + r"|(?:holiday|trip|flight|flying|fly\b|plane|airport|travel\w*|visiting|moving\s+(?:out|house|to)|work|shift|party|game|match|test|exam|driving\s+lesson|race|track\s+day|karting|go-?kart|simulator|coat|jacket|hat|bag|towel|dressing\s+gown)",
    ),
    Rule(
        r"\b(?:dosette|pill\s+organi[sz]er|blister\s+packs?|\d+\s*mg|(?:took|had|taken|swallowed)\s+(?:\d+|forty|thirty|twenty|fifty|a\s+hundred)\s+of\s+(?:something|them|those|these|whatever|it|the))|\btrain(?:'s)?\s+lights\b|\bnot\s+to\s+get\s+on\s+it\b|\bbarriers?\s+(?:just\s+)?(?:came|come|coming)\s+down|\b(?:i'm\s+)?sorry\s+(?:mum|mom|dad|mam)\b.{0,30}\bsorry\b",
        WARNING_SIGN,
        benign=PRESCRIBED + "|" + RAIL_OK + "|" + NOT_ACTING,
    ),
    Rule(
        r"\b(?:in|into)\s+(?:the\s+)?(?:bath|tub|bathtub)\s+with\s+(?:the\s+|a\s+|my\s+)?(?:hair\s?dryer|toaster|heater|radio|straighteners|extension\s+(?:lead|cord)|iron|laptop\s+charger)|\b(?:hair\s?dryer|toaster|heater|radio|straighteners)\s+(?:\w+\s+){0,4}(?:in|into|near|next\s+to|over)\s+the\s+(?:bath|tub|water)|\b(?:helium|nitrogen)\s+(?:tank|canister|bottle|cylinder)\b[^.!?]{0,40}\b(?:bag|here|ready|mask|tube)|\bplastic\s+bag\s+(?:beside|next\s+to|over|ready|here)\b|\b(?:won't|wont|will\s+not|not\s+going\s+to|not\s+gonna)\s+be\s+(?:here|around|alive)\s+(?:tomorrow|in\s+the\s+morning|by\s+(?:the\s+)?morning|by\s+tomorrow|much\s+longer|after\s+tonight)",
        INTENT,
        weight=2.0,
        acute=True,
        benign=FICTION_OK
        + r"|(?:holiday|travel|trip|flight|away|visiting|camping|festival|hospital\s+(?:appointment|stay)|op\b|surgery|work(?:ing)?\s+(?:away|late|nights?)|shift|moving|staying|at\s+(?:my|a)\s+(?:friend|mate|mum|dad|nan|gran)|party|sleepover|school\s+trip|balloons?|party\s+balloons?)",
    ),
    Rule(
        rf"\b(?:the\s+|my\s+|a\s+)?(?:{BLADE}|{DRUGS}|gun|pistol|rifle|shotgun|rope|noose|cord|belt|lighter|bleach|poison)\s+(?:is|are|'s)\s+(?:\w+\s+)?(?:in\s+my\s+(?:hand|hands|lap|pocket|fist)|on\s+my\s+(?:lap|wrist|neck|arm)|next\s+to\s+me|beside\s+me|right\s+here)",
        METHOD_MEANS,
        benign=BBQ_OK
        + "|"
        + FICTION_OK
        + r"|(?:as\s+prescribed|prescribed|cooking|chopping|vegetables|dinner|recipe|shaving|work|job|camping|climbing|garden|craft|sewing|present|wrapping|cleaning)"
        + "|"
        + NOT_ACTING,
    ),
    Rule(
        r"\b(?:he|she|they|my\s+(?:\w+\s+)?(?:dad|father|mum|mom|mother|stepdad|stepmum|step\w+|partner|husband|wife|boyfriend|ex|brother|uncle))\s+(?:\w+\s+){0,4}(?:kill|murder|hurt|stab|shoot|burn)\s+(?:us|us\s+all|all\s+of\s+us|the\s+(?:kids|children|family)|(?:me\s+and|mum\s+and|my\s+mum\s+and)\s+\w+)\b",
        ABUSE_VIOLENCE,
        weight=2.0,
        benign=FICTION_OK
        + "|"
        + LAUGH
        + r"|(?:kill\s+us\s+(?:if|when)\s+we\s+(?:eat|break|lose|forget|are\s+late)|gonna\s+kill\s+us\s+for\s+(?:this|being))",
    ),
    Rule(
        r"\b(?:what's|whats|what\s+is)\s+(?:even\s+)?the\s+point\s*(?:any\s?more|anyway|of\s+(?:anything|it\s+all|me|trying))?\s*[?.!]*\s*$|\b(?:don't|dont|do\s+not|can't|cant|cannot)\s+see\s+(?:a|any)\s+future\s+(?:for\s+(?:me|myself)|ahead)|\b(?:think|thinking|thought)\s+(?:about|of)\s+(?:just\s+)?(?:disappearing|vanishing|not\s+existing|not\s+being\s+(?:here|alive|around)|never\s+waking\s+up)\b|\bhate\s+(?:being\s+alive|existing|my\s+life\s+so\s+much|waking\s+up)\b",
        PASSIVE_IDEATION,
        benign=FICTION_OK
        + "|"
        + LAUGH
        + r"|(?:magic\s+trick|disappearing\s+(?:act|ink|trick)|holiday|phone|wifi|money|paycheck|socks|keys)",
    ),
    Rule(
        r"\b(?:nearly|almost|accidentally)\s+cut\s+(?:myself|my\s+(?:finger|thumb|hand))|\bcut\s+(?:myself|my\s+(?:finger|thumb|hand|leg|chin|face))\s+(?:shaving|cooking|chopping|on\s+(?:a|the|some)\s+(?:glass|tin|can|knife|paper|edge|fence|nail))|\b(?:knocked|dropped|spilled|spilt)\s+(?:\w+\s+){0,3}(?:pills|tablets|meds)\b|\b(?:took|taking|returned|returning|dropped\s+off)\s+(?:the\s+|my\s+|some\s+|old\s+|the\s+old\s+|a\s+)?(?:\w+\s+){0,2}(?:pills|tablets|meds|medication|bottle\s+of\s+pills)\s+(?:back\s+)?to\s+the\s+(?:pharmacy|chemist|doctor|gp|disposal)",
        IDIOM,
        context=False,
    ),
    Rule(
        r"\b(?:bbq|barbecue|charcoal|coals?|disposable\s+grill)(?:'s|\s+is|\s+are)?\s+(?:lit|going|burning|on)\b[^.!?\n]{0,30}\b(?:bedroom|room|car|tent|van|bathroom|flat|door|windows?)|\b(?:car|ute|van|truck|engine|motor)(?:'s|\s+is)?\s+(?:running|going|on)\b[^.!?\n]{0,30}\b(?:garage|doors?\s+(?:down|shut|closed)|shed)|\bin\s+the\s+(?:garage|shed)\s+with\s+the\s+(?:car|ute|van|truck|engine)\s+(?:running|going|on)|\b(?:standing|lying|laying|lay|sitting|sat|kneeling)\s+(?:down\s+)?(?:in\s+the\s+middle\s+of|on|in)\s+the\s+(?:road|motorway|highway|freeway|lane|lanes|tracks)\b|\bon\s+the\s+road\s+lying\b|\b(?:on|over)\s+(?:top\s+of\s+)?the\s+(?:\w+\s+){0,2}rail\s+of\s+the\s+(?:ferry|boat|ship|bridge|balcony|pier)|\b(?:on\s+top\s+of|on)\s+the\s+(?:\w+\s+)?(?:lighthouse|silo|crane|tower|pylon)\b|\bclimbed\s+(?:out\s+)?(?:onto|on\s+to|over)\s+the\s+(?:ledge|roof|railing|edge|parapet)|\b(?:extension\s+)?cord\s+(?:is\s+)?tied\b[^.!?\n]{0,30}\b(?:stool|chair|standing)|\b(?:scarf|belt|cord|rope|sheet|towel|tie)\s+(?:is\s+)?tied\s+to\s+the\b|\bwaiting\s+for\s+the\s+barrier\b|\b(?:exit\s+)?bag\s+is\s+(?:ready|on)\b[^.!?\n]{0,30}\btank\b|\b(?:took|had|taken|swallowed)\s+like\s+\d{2,}\s*(?:$|[.!?])|\b(?:loaded|took|had|injected)\s+the\s+whole\s+(?:dose|lot|supply|box|bottle)\b",
        INTENT,
        weight=2.0,
        acute=True,
        benign=BBQ_OK
        + "|"
        + FICTION_OK
        + "|"
        + HEIGHT_OK
        + r"|(?:mechanic|fixing|repair|warming\s+up|warm\s+the\s+car|defrost|idling\s+outside|school\s+run|driving\s+lesson|crossing\s+(?:the|a)\s+road|zebra|lollipop|traffic\s+lights|tour|trip|holiday|visit|museum|photos?|tied\s+to\s+the\s+(?:tree|post|fence|dog|bike|gate)\s+(?:for|so|to\s+keep))",
    ),
    # --- preparations ----------------------------------------------------------------------
    Rule(
        rf"\b(?:found|finding|got|gotten|sorted)\s+(?:a\s+)?(?:new\s+)?(?:home|homes|someone|owner|owners)\s+(?:for|to\s+(?:take|have))\s+(?:my|me|the|our)\s+(?:\w+\s+)?{PET}|\b(?:rehomed|re-homed|gave\s+away|given\s+away|giving\s+away)\s+(?:my|me|the|our)\s+(?:\w+\s+)?{PET}",
        PLAN,
        weight=2.0,
        benign=r"(?:moving|allerg|landlord|new\s+(?:flat|house|place|baby)|can't\s+afford|work\s+hours|too\s+big|visa|abroad)",
    ),
    Rule(
        r"\b(?:gave|giving|given|give)\s+(?:away\s+)?(?:all\s+)?(?:of\s+)?my\s+(?:stuff|things|belongings|clothes|games|books|jewellery|jewelry|guitar|console|valuables|favourite\s+\w+|favorite\s+\w+|possessions|savings|money)\s+(?:away|to)\b|\b(?:gave|giving|given)\s+away\s+(?:all\s+(?:of\s+)?)?my\s+(?:stuff|things|belongings|possessions|clothes)",
        PLAN,
        weight=2.0,
        benign=r"(?:charity\s+shop|decluttering|declutter|marie\s+kondo|spring\s+clean|moving|minimalis|car\s+boot|sold|selling|vinted|ebay|outgrown)",
    ),
    Rule(
        r"\b(?:deleted|deleting|wiped|closed|deactivated|cancelled|canceled)\s+(?:all\s+(?:of\s+)?)?(?:my\s+)?(?:every|all|each)?\s*(?:accounts?|socials?|social\s+media|instagram|insta|tiktok|snap(?:chat)?|discord|twitter|facebook|everything|photos|pictures|messages|chats|search\s+history|browser\s+history)\b",
        PLAN,
        benign=r"(?:detox|mental\s+health|for\s+my\s+(?:sanity|peace|health|wellbeing)|for\s+(?:a\s+)?(?:while|bit|week|month)|screen\s+time|distraction|drama|too\s+much\s+(?:drama|negativity|time)|feels?\s+(?:so\s+)?(?:great|good|better|lighter|amazing)|feeling\s+(?:so\s+)?(?:great|good|better|lighter)|best\s+decision|exams?|revision|focus|toxic|ex\b|hacked|scam|spam|lol)",
    ),
    Rule(
        r"\b(?:paid|paying|settled|cleared)\s+(?:off\s+)?(?:all|every|the\s+last\s+of)\s+(?:of\s+)?(?:my\s+)?(?:debts?|bills?|loans?|what\s+i\s+owe)\b(?=[^.!?]*\b(?:sorted|so\s+(?:nobody|no\s+one|they)|won't\s+(?:be\s+left|have\s+to)|nothing\s+left|in\s+order|for\s+them|for\s+my)\b)|\b(?:got|getting|put|have)\s+(?:all\s+)?(?:my\s+)?(?:things|everything|paperwork)\s+in\s+order\b|\b(?:tied|tying)\s+up\s+(?:all\s+)?(?:the\s+)?loose\s+ends\b|\b(?:everything|it)(?:'s|\s+is)\s+(?:all\s+)?sorted\s+(?:now|for\s+them|for\s+after)|\b(?:sorted|organised|organized|arranged)\s+(?:everything|all\s+the\s+paperwork|my\s+funeral|the\s+funeral)\b(?!\s+for\s+(?:the\s+)?(?:party|wedding|trip|holiday|move|birthday))",
        PLAN,
        weight=2.0,
        needs_risk=True,
    ),
    Rule(
        r"\b(?:wrote|written|writing|finished|typed|recorded)\s+(?:the|my|some|all\s+the|all\s+my)\s+(?:last\s+|final\s+|goodbye\s+)?(?:notes|letters)\b|\b(?:notes?|letters?)\s+(?:for|to)\s+(?:everyone|every\s+one|each\s+of\s+(?:them|you)|all\s+of\s+(?:them|you)|my\s+(?:whole\s+)?family)\b|\bleft\s+(?:a|the|my)\s+(?:note|letter)\s+(?:on|in|under|for)\b|\b(?:goodbye|farewell|suicide|final|last)\s+(?:notes?|letters?|videos?|posts?|messages?|texts?)\b|\b(?:made|written|wrote|updated|signed)\s+(?:a|my)\s+will\b",
        PLAN,
        weight=2.0,
        benign=r"(?:thank\s+you\s+(?:note|card)|birthday|christmas|valentine|wedding|leaving\s+do|retirement|homework|coursework|english\s+class|assignment|teacher|love\s+letter|cover\s+letter|to\s+santa|lol|before\s+(?:bed|i\s+sleep|sleep)|off\s+to\s+bed|good\s*night|night\s+(?:all|night|x)|of\s+the\s+night|from\s+me\s+tonight|phone\s+(?:dies|is\s+dying)|ttyl|sleep\s+well)",
    ),
    Rule(
        r"\b(?:picked|chose|chosen|choosing|found|checked|looked\s+up|worked\s+out|know)\s+(?:out\s+)?(?:the|a|which|what|my)\s+(?:spot|place|floor|bridge|building|date|day|time|method|way|train\s+times?|height|tree|roof|how\s+high)\b(?=[^.!?]*\b(?:jump|do\s+it|go|end|die|it|from|off|fall)\b)|\b(?:the\s+)?roof\s+access\b|\bchecked\s+(?:the\s+)?(?:roof|height|timetable|train\s+times)\b",
        PLAN,
        needs_risk=True,
    ),
    Rule(
        r"\b(?:bought|got|ordered|picked\s+up|collected|stole|took|got\s+hold\s+of|have|had|got\s+myself)\s+(?:a|the|some|my|enough|more)?\s*(?:\w+\s+)?(?:helium|charcoal|rope|hose|hosepipe|noose|razor\s+blades?|blades|shotgun|gun|rifle|pistol|ammo|bullets|poison|rat\s+poison|weedkiller|paraquat|bleach)\b",
        METHOD_MEANS,
        benign=BBQ_OK
        + "|"
        + FICTION_OK
        + r"|(?:clean(?:ing)?|laundry|garden|weeds|allotment|farm|hunting|range|club|licen[cs]e|balloons?|party|camping|climbing|boat|dog\s+lead|washing\s+line|moving\s+(?:house|flat|home|out|in)|the\s+move\b|removals?\b|packing|roof\s+rack|tie\s+(?:it\s+)?down)|"
        + NOT_ACTING,
    ),
    Rule(
        r"\b(?:saved|saving|stockpiled|stockpiling|hoarded|hoarding|collected|collecting|kept|keeping|stashed|stashing|held\s+onto|hidden|hid)\s+(?:up\s+)?(?:enough\s+|all\s+)?(?:of\s+)?(?:my\s+|me\s+|the\s+)?(?:\w+\s+)?(?:pills?|tablets?|meds|medication|insulin|prescriptions?|painkillers|sleeping\s+pills|antidepressants|supply|doses|boxes)\b|\b(?:i've|i\s+have|i|got|have)\s+(?:got\s+)?enough\s+(?:\w+\s+)?(?:pills?|tablets?|meds|insulin|painkillers|to\s+do\s+it|saved)\b|\b(?:how\s+many|how\s+much)\s+(?:\w+\s+){0,3}(?:would\s+it\s+take|does\s+it\s+take|to\s+(?:die|kill|be\s+fatal|od|overdose)|is\s+(?:fatal|lethal|deadly|enough\s+to))|\blethal\s+dose\b|\bpainless\s+(?:way|ways|method|methods)\b|\b(?:looking|looked|searching|searched|researching|researched|googling|googled|reading\s+about|watching\s+videos\s+(?:on|about))\s+(?:up\s+)?(?:ways|how|methods|the\s+best\s+way|what\s+height|which\s+(?:pills|bridge|building))\s+(?:\w+\s+){0,3}(?:to\s+(?:die|end|do\s+it|kill|not\s+wake)|(?:is|would\s+be)\s+(?:fatal|enough|painless)|to\s+jump|high\s+enough)",
        PLAN,
        weight=2.0,
        benign=r"(?:pharmacology|nursing|nurse|pharmacy|pharmacist|medical\s+school|exam|assignment|essay|for\s+(?:my|a)\s+(?:dog|cat|pet)|vet|true\s+crime|podcast|novel|book|story|film|game)",
    ),
    Rule(
        rf"\b(?:gave|given|giving|left|leaving)\s+my\s+(?:\w+\s+)?{PET}\s+(?:to|with)\s+(?:my\s+)?(?:\w+\s+){{0,2}}(?:friend|mate|sister|brother|mum|mom|neighbou?r|nan|aunt|uncle|cousin)\b|\b(?:transferred|gave|sent|left)\s+(?:all\s+)?(?:of\s+)?my\s+(?:savings|money|bank\s+details|passwords?|pin|logins?)\s+to\b|\b(?:sent|gave|told)\s+(?:my\s+)?(?:\w+\s+)?(?:my\s+)?passwords?\b|\blogged\s+out\s+of\s+everything\b|\b(?:paid|pay|paying|paid\s+back)\s+(?:back\s+)?(?:everyone|every\s+one|everybody|all\s+the\s+people)\s+(?:i\s+)?(?:owed|owe)\b|\bso\s+(?:my\s+\w+|the\s+\w+|nobody|no\s+one|they|he|she)\s+(?:aren't|isn't|won't\s+be|are\s+not|is\s+not|doesn't|don't|won't)\s+(?:stuck|left\s+with|have\s+to\s+(?:pay|deal|sort)|get\s+left)|\b(?:saying|said)\s+sorry\s+to\s+(?:everyone|every\s+one|everybody|all\s+the\s+people)\b|\b(?:posted|wrote|recorded|sent|made)\s+(?:a|my)\s+(?:goodbye|farewell)\s+(?:post|message|msg|text|video|story)\b|\bcancel(?:led|ed|ling)\s+(?:my\s+)?(?:gym|phone|contract|subscriptions?|membership|insurance)\b[^.!?\n]{{0,40}}\b(?:won't|wont|will\s+not|don't|dont)\s+need",
        PLAN,
        weight=2.0,
        benign=r"(?:moving|allerg|holiday|abroad|new\s+(?:job|flat|house)|uni|university|travel|trip|away\s+for|lol\s+jk)",
    ),
    # Preparations in the words people use: things, money and passwords handed to named
    # people; wills, insurance, letters to each; a room cleared "so nobody has to".
    Rule(
        r"\b(?:gave|giving|given|left|leaving|handed|passed|sent)\s+(?:away\s+)?(?:all\s+)?(?:of\s+)?(?:my|me)\s+(?:\w+\s+){0,3}(?:rings?|watch|jewel\w*|medals?|guitar|games?|console|stuff|things|belongings|clothes|books|savings|money|car|keys|bank\s+card|pin|passwords?|plants|records|collection|tools|laptop|phone|bike)\s+(?:\w+\s+){0,3}(?:to|with|for)\s+(?:my\s+|the\s+)?(?:\w+\s+)?(?:mum|mom|mam|dad|sister|brother|daughter|son|kids?|children|grandson|granddaughter|grandkids|friend|mate|neighbou?rs?|nan|cousin|niece|nephew|wife|husband|partner|flatmate)\b|\bsold\s+my\s+\w+\s+and\s+gave\s+(?:the\s+)?money\s+to\b|\b(?:emptied|cleared|transferred|withdrew|drained|moved)\s+(?:all\s+|out\s+)?(?:of\s+)?my\s+(?:bank\s+account|savings|account|money)\b|\b(?:life\s+)?insurance\s+(?:is\s+)?(?:paid\s+up|pays\s+out|past\s+the|covers|after\s+(?:2|two)\s+years|is\s+the\s+kind)|\bbeneficiary\b|\b(?:changed|made|wrote|written|updated|sorted|did|drafted)\s+(?:a|my)\s+will\b|\bwho\s+gets\s+(?:what|my)\b|\bletters?\s+(?:each|for\s+each|to\s+each)\b|\b(?:written|wrote|writing)\s+(?:my|each\s+of\s+my)\s+(?:kids|children|family|mum|mom|dad|sisters?|brothers?|friends)\s+(?:a\s+)?letters?\b|\bletters?\s+(?:are\s+)?(?:written|addressed|sealed|stamped)\b|\b(?:drafted|finished|wrote|written)\s+the\s+note\b|\b(?:told|showed|gave|sent)\s+(?:my\s+)?(?:\w+\s+){0,2}(?:where|how\s+to\s+find)\s+(?:my\s+)?(?:password|passwords|will|bank|pin|documents|papers)|\bpassword\s+list\b|\bwrote\s+down\s+(?:all\s+)?my\s+passwords\b|\b(?:cleared|emptied|packed\s+up|boxed\s+up|sorted)\s+(?:out\s+)?my\s+(?:room|desk|flat|things|stuff|wardrobe)\b[^.!?\n]{0,40}\b(?:less\s+for|so\s+(?:nobody|no\s+one|mum|mom|they|she|he)|labelled|one\s+for)|\b(?:put|packed)\s+my\s+(?:stuff|things)\s+in\s+(?:labelled\s+)?(?:bags|boxes)\b|\b(?:tied|tying|tie)\s+up\s+(?:all\s+)?(?:the\s+|my\s+)?loose\s+ends\b|\bsaid\s+(?:good\s?bye|bye)\s+to\s+my\s+(?:\w+\s+)?(?:dogs?|cats?|pets?|horses?|rabbits?)\b|\b(?:hiding|hidin|hoarding|saving|stockpiling|stashing|keeping)\s+(?:my\s+)?(?:meds|pills|tablets)\s+(?:every|each|instead)",
        PLAN,
        weight=2.0,
        benign=r"(?:moving|move\s+(?:house|abroad|out)|emigrat|declutter|charity\s+shop|car\s+boot|sold\s+on|ebay|vinted|spring\s+clean|minimalis|birthday|christmas|wedding|present|gift\s+for|new\s+(?:job|baby|flat|house)|holiday|travel|trip|abroad|retire|work\s+(?:project|handover)|before\s+(?:my\s+)?(?:holiday|leave|surgery|op)|mortgage|landlord|tax|accountant|solicitor\s+said|lol\s+jk)",
    ),
    # --- readiness and time --------------------------------------------------------------
    Rule(
        rf"\b{READY}\b(?!\s+(?:to\s+(?:talk|chat|start|share|tell|listen|try|go\s+(?:home|out|to\s+(?:bed|sleep|school|work)))|for\s+(?:bed|school|work|the|my|tomorrow)))",
        INTENT,
        weight=2.0,
        needs_risk=True,
        cue_alone=True,
        benign=r"(?:exam|test|interview|date|party|holiday|trip|match|game|gig|concert|wedding|move|flight|driving\s+test|results|surgery|op\b|operation|marathon|race|first\s+day|presentation)",
    ),
    Rule(rf"\b{QUIET_TIME}\b", TIMEFRAME, context=False),
    # --- indirect ideation ----------------------------------------------------------------
    Rule(
        r"\b(?:can't|cant|cannot|don't|dont|do\s+not)\s+see\s+(?:the|a|any)\s+point\s+(?:in|of|to)\s+(?:waking\s+up|living|being\s+alive|life|going\s+on|carrying\s+on|tomorrow|anything|getting\s+up|existing|being\s+here|staying)|\b(?:what's|whats|what\s+is)\s+(?:even\s+)?the\s+point\s+(?:in|of|to)\s+(?:waking\s+up|living|being\s+alive|life|going\s+on|carrying\s+on|existing|being\s+here|staying\s+alive|any\s+of\s+(?:it|this)|trying)\b|\bno\s+(?:point|reason)\s+(?:in|to|of)\s+(?:living|being\s+alive|waking\s+up|going\s+on|carrying\s+on|existing|staying|being\s+here|keep\s+going|keeping\s+going)",
        PASSIVE_IDEATION,
    ),
    Rule(
        r"\b(?:i'm|im|i\s+am|i\s+feel\s+like|feel\s+like)\s+(?:just\s+|such\s+|literally\s+|nothing\s+but\s+|only\s+)?(?:a\s+)?(?:waste\s+of\s+(?:air|space|oxygen|skin|life|breath)|burden\s+(?:to|on)\s+(?:every(?:one|body)|my\s+\w+|them|the\s+world))|\b(?:they|everyone|everybody|people|my\s+\w+|the\s+world|you\s+all|the\s+kids)\s+(?:would|will|'d|'ll)\s+(?:\w+\s+){0,2}(?:cope|manage|do|be|get\s+on)\s+(?:so\s+much\s+|a\s+lot\s+|much\s+)?(?:better|fine|happier)\s+(?:if|when|once|without)\s+(?:i\s+(?:wasn't|weren't|was\s+not|am\s+not|'m\s+not|was\s+gone|am\s+gone|'m\s+gone|disappeared|wasn't\s+around|died)|me)\b",
        PASSIVE_IDEATION,
    ),
    Rule(
        r"\b(?:want|wanted|wish|need|wanting|would\s+like)\s+(?:to\s+|it\s+to\s+|for\s+it\s+to\s+|everything\s+to\s+)?(?:stop\s+(?:existing|being\s+alive|living|breathing)|not\s+(?:exist|be\s+alive|be\s+here|wake\s+up)|(?:just\s+)?(?:disappear|vanish|sleep\s+forever|stop\s+waking\s+up|fall\s+asleep\s+(?:and|&)\s+(?:never|not)\s+wake)|(?:all|everything|it)\s+to\s+(?:end|stop|be\s+over))\b|\b(?:tired|sick)\s+of\s+(?:living|being\s+alive|existing|life|waking\s+up|breathing|being\s+me)\b|\b(?:done|finished)\s+with\s+(?:life|living|everything|it\s+all|this\s+life|being\s+alive|existing)\b|\b(?:can't|cant|cannot)\s+(?:do\s+(?:this|it|life)|go\s+on|keep\s+going|carry\s+on|live\s+like\s+this|take\s+(?:it|this))\s+any\s?more\b|\b(?:don't|dont|do\s+not)\s+want\s+to\s+(?:be\s+here|be\s+alive|exist|live|wake\s+up|be\s+me|do\s+this)\s+any\s?more\b|\b(?:i\s+)?(?:hope|wish|pray)\s+(?:i|that\s+i)\s+(?:don't|dont|won't|wont|never|do\s+not)\s+wake\s+up\b|\bsleep\s+and\s+(?:never|not)\s+wake\s+up\b|\b(?:life|living|existing|being\s+alive|breathing)\s+(?:is|feels)\s+(?:so\s+)?(?:pointless|meaningless|unbearable|too\s+much|too\s+hard|exhausting)\b|\bno\s+(?:reason|reasons)\s+(?:left\s+)?to\s+(?:live|stay|keep\s+going|be\s+here)\b|\bnot\s+(?:going\s+to|gonna)\s+be\s+(?:here|around)\s+(?:much\s+longer|for\s+long|long)\b",
        PASSIVE_IDEATION,
    ),
    # --- active ideation in other words ---------------------------------------------------
    Rule(
        r"\b(?:my\s+)?(?:suicidal\s+(?:ideation|thoughts|feelings|urges|plans?)|thoughts\s+of\s+(?:suicide|dying|ending\s+it|killing\s+myself)|\bsi\b)\s+(?:is|are|has|have|got|keeps?|been|getting|back|again|so|really|bad|worse)|\b(?:having|had|getting|have|got)\s+(?:really\s+bad\s+|bad\s+|strong\s+|constant\s+)?(?:suicidal\s+(?:thoughts|ideation|urges|feelings)|thoughts\s+(?:of|about)\s+(?:suicide|killing\s+myself|ending\s+(?:it|my\s+life)|dying))\b|\b(?:i'm|im|i\s+am|feeling|feel|been|getting)\s+(?:really\s+|very\s+|so\s+|super\s+|pretty\s+|kinda\s+|extremely\s+)?suicidal\b",
        ACTIVE_IDEATION,
        weight=2.0,
    ),
    Rule(
        r"\b(?:thinking|thought|think|considering|planning|going)\s+(?:about|of|on)?\s*(?:ending|ending\s+it|ending\s+things|ending\s+my\s+life|taking\s+my\s+(?:own\s+)?life|not\s+being\s+here|killing\s+myself|jumping|hanging\s+myself|taking\s+(?:all|every|the\s+whole)|overdosing|doing\s+it)\b|\bend(?:ing)?\s+(?:it\s+all|things|my\s+life|everything)\b(?!\s+(?:with|between))",
        ACTIVE_IDEATION,
        benign=FICTION_OK
        + r"|(?:relationship|with\s+(?:him|her|them)|friendship|contract|subscription|lease|job|tenancy|season|series|game|chapter|war|semester|term)",
    ),
    Rule(
        r"\b(?:going\s+to|want\s+to|will|'ll|gonna|plan\s+to|planning\s+to|about\s+to|ready\s+to)\s+(?:jump|throw\s+myself|step\s+off|walk\s+into\s+the\s+(?:sea|river|water|traffic)|drive\s+(?:into|off)|crash\s+(?:the|my)\s+car|hang|drown\s+myself|cut\s+(?:my\s+)?(?:wrists?|throat)|slit\s+my|shoot\s+myself|take\s+(?:all|every|the\s+whole|everything)|drink\s+(?:the|some|a\s+bottle\s+of)?\s*(?:\w+\s+)?(?:bleach|poison|antifreeze)|inject\s+(?:all|it\s+all|the\s+lot))\b",
        INTENT,
        weight=2.0,
        benign=FICTION_OK
        + r"|(?:jump\s+(?:into|in\s+to)\s+(?:the\s+|a\s+|my\s+)?(?:weekend|week|holidays?|summer|new\s+(?:year|term|job)|action|conversation|chat|fun|work|season)|jump\s+(?:at\s+the\s+chance|ship|the\s+queue|for\s+joy)|jump\s+on\s+(?:the|a|my)\s+(?:train|bus|tram|plane|bike|call|zoom|bandwagon)|at\s+the\s+pool|belly\s?flop|jump\s+(?:in|into)\s+the\s+(?:pool|shower|lake)|parachute|bungee|trampoline|puddle|queue|jump\s+on\s+(?:a\s+)?call|hang\s+out|hang\s+(?:the|a|my|up)|skydiv|throw\s+myself\s+into\s+(?:the\s+new\s+|my\s+|a\s+|the\s+)?(?:work|project|job|studies|training|revision|it|this)|diving\s+board|high\s+board|with\s+the\s+kids|lol|haha)|"
        + DOSE_AS_TOLD,
    ),
    # --- self-harm in chat words ------------------------------------------------------------
    Rule(
        r"\b(?:relapsed|relapse|relapsing|slipped\s+up|broke\s+my\s+streak|lost\s+my\s+streak|reset\s+my\s+(?:counter|streak))\b(?=[^.!?]{0,60}\b(?:blade|razor|cut|cutting|self\s+harm|sh|burn|burning|scratch|skin|arm|arms|thigh|wrist)\b)|\b(?:cut|cutting|cuts|burned|burnt|burning|scratched|scratching|carved|carving|hit|hitting|punched|punching|bit|biting)\s+(?:myself|my\s+(?:arm|arms|wrist|wrists|thigh|thighs|legs?|stomach|skin|hips?|hands?|face|head))\b|\bfresh\s+(?:cuts|scars|wounds|marks)\b|\b(?:self\s+harm(?:ed|ing)?|self-harm(?:ed|ing)?)\s+(?:again|last\s+night|tonight|today|this\s+morning|yesterday|rn|right\s+now)\b|\b(?:the|my)\s+(?:blade|razor)\s+(?:again|last\s+night|tonight|is\s+(?:calling|right\s+here))",
        SELF_HARM,
        benign=r"(?:oven|stove|hob\b|kettle|baking\s+tray|curling\s+iron|straighteners|kitchen|cooking|chopping|shaving|accident(?:ally)?|paper\s+cut|fell|football|boxing\s+class|martial|training|sparring|bit\s+my\s+(?:tongue|lip|nails)|nail\s+biting|hair\s?cut|cut\s+my\s+hair|cut\s+my\s+(?:fringe|bangs|nails))",
    ),
    Rule(
        r"\b(?:urges?\s+to\s+(?:cut|self\s+harm|hurt\s+myself|burn)|want(?:ing)?\s+to\s+(?:cut|hurt\s+myself|self\s+harm)|self\s+harm\s+urges?)\b",
        SELF_HARM,
        weight=0.5,
    ),
    Rule(
        r"\b(?:i\s+)?cut\s+(?:again|last\s+night|tonight|today|this\s+morning|yesterday|deeper|more)\b|\b(?:been|started|keep|kept|still|was)\s+cutting\b|\bcut\s+(?:on\s+)?my\s+(?:arm|arms|wrist|wrists|thigh|thighs|leg|legs|stomach|hip|hips)\b|\b(?:scratch|scratched|scratching|burn|burned|burnt)\s+(?:my\s+)?(?:arm|arms|wrist|wrists|thigh|thighs|leg|legs|skin)\b(?=[^.!?]{0,60}\b(?:compass|blade|lighter|until|till|bleed|blood|to\s+feel|again|pen|sharp)\b)|\b(?:stop|quit|control)\s+(?:cutting|self\s+harm(?:ing)?|hurting\s+myself)\b|\bsh\s+(?:again|urges|relapse)\b|\bcleaner?\s+for\s+\d+\s+(?:days|weeks|months)\s+(?:and|but|until)\b",
        SELF_HARM,
        benign=r"(?:hair|fringe|bangs|nails|grass|lawn|bread|cake|onions?|vegetables|paper|fabric|wood|class|budget|sugar|carbs|cost|price|calories|smoking|vaping|drinking|coffee)",
    ),
    # --- danger to and from others ----------------------------------------------------------
    Rule(
        r"\b(?:going\s+to|gonna|will|'ll|want\s+to|plan\s+to|planning\s+to)\s+(?:hurt|stab|shoot|kill|attack|beat\s+up|poison|burn)\s+(?:them|him|her|everyone|all\s+of\s+them|people|my\s+(?:classmates?|class|teacher|boss|dad|mum|mom|step\w+|ex|neighbou?r|coworkers?|colleagues?|brother|sister|bully|bullies))\b|\b(?:bring|bringing|brought|take|taking|took|carry|carrying)\s+(?:my\s+|the\s+|a\s+|my\s+dad's\s+|his\s+)?(?:gun|knife|knives|machete|bat|weapon)\s+(?:to|into|in\s+my\s+bag\s+to)\s+(?:school|class|uni|work|the\s+office|college)\b|\bmake\s+(?:them|him|her|everyone)\s+(?:all\s+)?pay\b(?=[^.!?]*\b(?:gun|knife|weapon|hurt|kill|blood)\b)",
        HARM_TO_OTHERS,
        weight=2.0,
        benign=FICTION_OK,
    ),
    Rule(
        r"\b(?:he|she|they|my\s+(?:\w+\s+)?(?:dad|father|mum|mom|mother|stepdad|stepmum|step\w+|partner|husband|wife|boyfriend|girlfriend|bf|gf|ex|brother|uncle|parents?))\s+(?:\w+\s+){0,2}(?:said|says|threatened|threatens|swore|keeps\s+saying|told\s+me)\s+(?:\w+\s+){0,5}(?:he'll|she'll|they'll|he\s+will|she\s+will|they\s+will|he'd|she'd|he\s+would|she\s+would|to)\s+(?:kill|murder|end)\s+me\b|\b(?:choked|strangled|choking|strangling)\s+me\b|\b(?:he|she|they)\s+(?:has|had|have|got)\s+(?:a\s+)?(?:gun|knife)\s+(?:and|to\s+my)|\bthreatened\s+me\s+with\s+(?:a\s+)?(?:knife|gun|weapon)",
        ABUSE_VIOLENCE,
        weight=2.0,
    ),
    Rule(
        r"\b(?:he|she|they|my\s+(?:\w+\s+)?(?:dad|father|mum|mom|mother|stepdad|stepmum|step\w+|partner|husband|wife|boyfriend|girlfriend|bf|gf|ex|brother|uncle|parents?|teacher|coach))\s+(?:\w+\s+){0,2}(?:hits|hit|beats|beat|punches|punched|kicks|kicked|slaps|slapped|hurts|hurt|burns|burned|locks|locked|throws|threw|pushed|shoves|shoved|grabbed|touched|touches|forces|forced)\s+(?:me|us|my\s+(?:mum|mom|sister|brother))\b",
        ABUSE_VIOLENCE,
        benign=r"(?:game|match|football|rugby|boxing|play\s+fight|tickle|by\s+accident|accidentally|lol|haha)",
    ),
    Rule(
        r"\b(?:hurting|hurt|stab|stabbing|kill|killing|shoot|shooting)\s+(?:him|her|them|my\s+\w+|that\s+\w+|the\s+(?:boy|girl|guy|man|woman|kid|teacher|boss))\b(?=[^.!?\n]{0,80}\b(?:knife|gun|bat|machete|weapon|hammer|axe|in\s+my\s+(?:car|bag|room)|where\s+(?:he|she|they)\s+lives?|thought\s+about\s+how)\b)",
        HARM_TO_OTHERS,
        weight=2.0,
        benign=FICTION_OK,
    ),
    # --- recent attempts: recent, not history ----------------------------------------------
    Rule(
        r"\b(?:(?:tried|attempted|tryed|try)\s+(?:to\s+)?(?:kill\s+myself|end\s+(?:it|my\s+life|things)|suicide|to\s+die|overdos\w*|od|hang\s+myself|jump|do\s+it|strangle\s+myself)|overdosed|od'?d|took\s+(?:\w+\s+)?(?:pills|tablets|an\s+overdose)|jumped\s+(?:in|into|off)\s+(?:the\s+)?\w+)\s+(?:\w+\s+){0,3}(?:last|this|on|a\s+(?:few|couple\s+of)|\d+|two|three|four|five|few)\s+(?:week|weeks|month|weekend|night|days|day|friday|saturday|sunday|monday|tuesday|wednesday|thursday)\b(?:\s+(?:ago|back))?|\b(?:my|an|the)\s+(?:suicide\s+)?attempt\s+(?:last|this|a\s+few|a\s+couple\s+of|\d+|two|three)\s+(?:week|weeks|month|weekend|night|days|day)\b|\bjust\s+(?:got\s+)?(?:out|home|back|discharged)\s+(?:of|from)\s+(?:the\s+)?(?:hospital|a&e|er|icu|ward)\s+(?:after|because|for)\s+(?:\w+\s+){0,2}(?:overdos\w*|od|attempt|tried|trying)",
        INTENT,
        weight=2.0,
        context=False,
    ),
    # --- someone else's risk, told by the writer -------------------------------------------
    Rule(
        r"\b(?:she|he|they|my\s+(?:\w+\s+)?(?:friend|mate|bestie|sister|brother|mum|mom|dad|son|daughter|cousin|partner|boyfriend|girlfriend|bf|gf|husband|wife|flatmate|roommate|classmate))\s+(?:says|said|keeps\s+saying|told\s+me|texted|messaged|posted|is\s+saying)\s+(?:\w+\s+){0,2}(?:she's|he's|they're|she\s+is|he\s+is|they\s+are|she'll|he'll|they'll|she\s+will|he\s+will|they\s+will)\s+(?:going\s+to\s+|gonna\s+)?(?:do\s+it|end\s+it|kill\s+(?:herself|himself|themselves)|jump|take\s+(?:them|the\s+pills|everything)|not\s+be\s+here)",
        CONCERN_FOR_OTHER,
        weight=2.0,
        acute=True,
    ),
    # --- protective, said plainly ----------------------------------------------------------
    Rule(
        r"\b(?:i'm|im|i\s+am)\s+(?:not|never)\s+(?:suicidal|going\s+to\s+hurt\s+myself|going\s+to\s+do\s+anything)\s*(?:,|\.|!|just|i'm|im|i\s+just|but\s+i\s+(?:just|need|want)\s+to\s+(?:talk|vent))|\bi\s+(?:would|'d)\s+never\s+(?:do\s+(?:that|it|anything)|hurt\s+myself|kill\s+myself)\b(?![^.!?]*\b(?:but|though|wish|hope)\b)",
        PROTECTIVE_FACTOR,
        context=False,
    ),
    # --- old history, said in chat words ---------------------------------------------------
    Rule(
        r"\b(?:years?|ages|a\s+long\s+time)\s+ago\s+i\s+(?:tried|attempted|overdosed|cut)\b|\bwhen\s+i\s+was\s+(?:\d+|younger|a\s+teen|a\s+kid|at\s+school)\s+i\s+(?:tried|attempted|overdosed|used\s+to\s+cut)\b",
        PRIOR_ATTEMPT,
        context=False,
    ),
    # --- hopelessness in chat words --------------------------------------------------------
    Rule(
        r"\b(?:can't|cant|cannot|don't|dont)\s+see\s+(?:a|any)\s+way\s+out\b|\b(?:no|there's\s+no|theres\s+no|there\s+is\s+no)\s+(?:way\s+out|future\s+for\s+me|hope\s+(?:left|for\s+me)|point\s+anymore|light\s+at\s+the\s+end)\b|\bnothing\s+(?:will\s+ever|is\s+ever\s+going\s+to|ever)\s+(?:change|get\s+better|improve)\b|\b(?:trapped|stuck)\s+(?:forever|with\s+no\s+way\s+out|in\s+this\s+(?:life|hell))\b|\b(?:i\s+)?(?:ruin|ruined|ruining)\s+everything\s+(?:and\s+)?(?:for\s+)?everyone\b|\beveryone\s+(?:would|will)\s+be\s+(?:happier|better)\b",
        HOPELESSNESS,
    ),
)
