"""More English rules for chat language the first tables miss (see en_acts.py for the style):
reviewable rows, each with harmless company where the words have an everyday use."""

# ruff: noqa: E501
# Rule patterns stay on one line each to be read as a table.

from __future__ import annotations

from triage.engine.rules.common import (
    ABUSE_VIOLENCE,
    ACTIVE_IDEATION,
    CONCERN_FOR_OTHER,
    HARM_TO_OTHERS,
    INTENT,
    METHOD_MEANS,
    PASSIVE_IDEATION,
    PLAN,
    PRIOR_ATTEMPT,
    SELF_HARM,
    TIMEFRAME,
    Rule,
)
from triage.engine.rules.en_acts import DRUGS, HEIGHT_OK, HIGH_PLACE, PET

# --- vocabulary ---------------------------------------------------------------------------

# Games, films, books, news: the same words about fiction.
FICTION = r"(?:movie|film|shows?\b|series|episode|season|books?\b|novel|chapter|story|fanfic|games?\b|gaming|levels?\b|boss(?:es)?\b|quest|character|npc|minecraft|fortnite|roblox|sims|gta|zelda|anime|manga|songs?\b|lyrics|meme|documentary|podcast|true\s+crime|news\b|article|in\s+game|bg3)"
LAUGH = r"(?:lol|lmao|lmfao|haha\w*|hehe|rofl|😂|🤣|jk|just\s+kidding|kidding)"
# Said to make clear it is meant: "so bad", "fr", "not joking", "seriously".
EMPHATIC = r"(?:so\s+(?:bad|badly|much)|(?:so\s+)?bad(?:ly)?\b|for\s+real|fr\b|frfr|not\s+(?:even\s+)?(?:joking|kidding)|no\s+joke|seriously|i\s+mean\s+it|every\s+(?:day|single\s+day|night)|all\s+the\s+time|like\s+actually|actually\b|honestly|for\s+real\s+this\s+time|again)"
# Someone close, named as a recipient of a letter or a possession.
CLOSE = r"(?:mum|mom|mam|ma|mother|dad|father|parents|sister|sis|brother|bro|wife|husband|partner|kids?|children|son|sons|daughters?|family|boyfriend|girlfriend|friends?|mates?|nan|nana|gran|grandma|grandad|grandpa|grandson|granddaughter|nephew|niece|cousin|best\s+(?:friend|mate)|flatmates?|manager|boss)"
# A recent time: days and weeks, not years ("3 weeks ago", "last friday", "on sunday").
RECENT_DAYS = r"(?:a\s+fortnight\s+ago|last\s+fortnight|(?:\d+|a|one|two|three|four|five|six|seven|ten|a\s+few|few|a\s+couple\s+of|couple\s+of|couple)\s+(?:days?|weeks?|nights?)\s+(?:ago|back)|last\s+(?:week|weekend|night|month|monday|tuesday|wednesday|thursday|friday|saturday|sunday)|on\s+(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|new\s+year'?s(?:\s+eve)?|christmas|boxing\s+day)|yesterday|this\s+week|the\s+other\s+day|(?:a|one|two|three|\d+)\s+(?:days?|weeks?)\s+since|only\s+been\s+(?:a|one|two|three|\d+)\s+(?:days?|weeks?))"
# A threat's subject: someone who says they will do it.
THREAT_SUBJECT = r"(?:he'll|she'll|they'll|hell|shell|he\s+will|she\s+will|they\s+will|he'd|she'd|hed|shed|he\s+would|she\s+would|(?:he's|she's|they're|hes|shes|he\s+is|she\s+is|they\s+are)\s+(?:going\s+to|coming\s+to|coming\s+(?:round|over|here)\s+to|gonna))"
THREAT_OK = rf"(?:when\s+(?:he|she|they)\s+(?:sees?|finds?\s+out|hears?|gets?\s+home|notices?)|late\b|forgot|homework|report|grades?|exam|results|bill|dent|scratch(?:ed)?|roast|seconds|power\s+tool|straighteners|hair|credit\s+card|anniversary|birthday|not\s+literally|{LAUGH}|🙈|😭|😩)"
SH_OK = r"(?:kitchen|cooking|chopping|shaving(?!\s+blade)|accidentally|by\s+accident|(?<!was\s)an\s+accident\b|by\s+mistake|paper\s+cut|football|rugby|gym|boxing|martial|training|sparring|eczema|mosquito|bites?\b|itch(?:y|ing)?|rash|hives|chicken\s?pox|psoriasis|dermatitis|sunburn|cat\s+(?:attacked|went\s+for)|lol|haha|😂)"

# --- vocabulary for acts and goodbyes told in few words (issue 13's train misses) ----------

# A place to fall from, named by itself ("up on the dam wall", "top of the multi storey").
DROP_PLACE = r"(?:roof(?:top)?|ledge|cliff(?:\s+edge)?|bridge|overpass|flyover|parapet|balcony|tower(?:\s+block)?|car\s*park|carpark|parking\s+(?:deck|garage|structure)|multi-?\s?stor(?:e)?y|top\s+floor|(?:\d+|\w+)(?:th|st|nd|rd)\s+floor|window|building|dam(?:\s+wall)?|quarry|viaduct|silo|pylon|crane|fire\s+escape|gorge|waterfall|stairwell)"
# What makes a place of height a danger now: over the barrier, at the edge, the drop below.
EXPOSED = r"(?:climb(?:ed|ing)\s+(?:over|out|onto|up\s+onto)|(?:no|low)\s+(?:barrier|railing|rail|fence|wall)s?|(?:barrier|railing|rails?|fence|wall)s?\s+(?:is|are)\s+(?:low|gone|behind\s+me)|(?:near|at|over|on|to)\s+the\s+(?:very\s+)?(?:edge|ledge|side)|legs?\s+(?:are\s+)?(?:over|dangling)|feet\s+(?:are\s+)?over|wrong\s+side|other\s+side\s+of\s+the\s+(?:railing|barrier|fence|rail)|leaning\s+(?:out|over)|not\s+holding\s+on|let(?:ting)?\s+go|one\s+step|wind\s+is|windy|level\s+\d+|\d+\s*(?:m|metres|meters|floors?|storeys?)\s+(?:up|high|down)|(?:cars|trucks|lorries|traffic|water|river|drop|road|tracks)\s+(?:\w+\s+){0,2}(?:under|below|beneath|underneath|down\s+there)|(?:going|passing)\s+(?:past\s+)?underneath|(?:don'?t|do\s+not)\s+want\s+to\s+(?:walk|climb|come|go)\s+(?:back\s+)?down|not\s+(?:coming|going|climbing)\s+(?:back\s+)?down|looking\s+down)"
# Harmless company at a height: a view, a trip, a job on a roof, a climb for sport.
HEIGHT_SAFE = r"(?:for\s+work|at\s+work|all\s+day|on\s+shift|operator|crane\s+driver|view|sunset|sunrise|selfie|photos?|pictures?|pics|hiking|hike\b|bouldering|climbing\s+(?:wall|gym|club|trip|course)|abseil|tourist|sightseeing|fireworks|picnic|skydiv|bungee|paraglid|drone|wedding|festival|party\b|bbq|barbecue|roofer|roofing|gutters?|tiles?|scaffold|aerial|chimney|window\s+clean|harness|rope\s+access|kite|frisbee|ball\b|cat\s+(?:is\s+)?stuck|haha|😂|🤣)"
# Water deep or cold enough to drown in, and its harmless company.
DEEP_WATER = (
    r"(?:sea|ocean|river|lake|canal|pond|loch|reservoir|harbour|harbor|estuary|surf|waves|water)"
)
WATER_SAFE = r"(?:swim(?:ming)?\s+(?:lesson|club|training|costume|race)|wetsuit|surf(?:ing|board)|paddl|holiday|beach\s+day|ice\s+bath|cold\s+water\s+swim|wild\s+swim|dip\b|sauna|kids|children|the\s+dog|fishing|waders|kayak|canoe|boat|snorkel|skating|skate|paddling\s+pool|haha|😂|🤣)"
# A ligature, an anchor point, and the jobs a rope or a cord does every day.
CORD = r"(?:rope|cord|belt|noose|cable|scarf|ligature|dog\s+lead|lead|wire|sheets?|bedsheets?|charger|tie|strap)"
ANCHOR = r"(?:(?:top\s+)?bunk(?:\s?bed)?|door(?:\s?knob|\s+handle|\s+frame)?|bannisters?|banisters?|beam|rafters?|railing|ceiling|hook|loft(?:\s+(?:hatch|ladder|beam))?|hatch|tree|branch|wardrobe|closet\s+rod|curtain\s+rail|pipe|light\s+fitting|staircase|stairs|shower\s+rail)"
CORD_SAFE = r"(?:trailer|boat|tarp|tent|hay|bales?|bike|christmas\s+tree|roof\s+rack|dog(?:'s)?\s+(?:run|walk)|washing\s+line|clothes\s?line|hammock|swing|kayak|load|pulley|decorations?|lights|climbing|knots?\s+(?:class|for)|scouts|sailing|gym|yoga|charging|phone\s+(?:is\s+)?(?:charging|on\s+charge)|trousers|jeans|coat|hang(?:ing)?\s+(?:it|them|up)|to\s+dry|phone\s+charger|forget|forgot|left\s+(?:it|my|the)|lol|haha|😂)"
# Bleeding that says the wound is serious, and how it happens by accident.
BLEED_SAFE = r"(?:kitchen|cooking|chopping|shaving(?!\s+blade)|accident(?:ally)?|by\s+mistake|paper\s+cut|nose\s?bleed|period|dentist|tooth|gums?|blood\s+(?:test|donor|donation|pressure|sugar)|giving\s+blood|fell\s+(?:off|over)|tripped|fence|nail|dog\s+bit|stitches\s+(?:out|came\s+out)|a&e|hospital|ambulance\s+(?:is\s+)?(?:here|coming)|film|movie|game|show\b|series)"
# A goodbye: words of leaving, and what makes a leaving final.
FAREWELL = r"(?:good\s?bye|bye(?:\s+bye)?|farewell|cheerio|ta\s?ra|so\s+long|adios|signing\s+off|logging\s+off|(?:i'm|im|i\s+am)\s+(?:off|out|leaving|going)\s+now|(?:i'm|im)\s+out\b|(?:i\s+)?(?:won't|wont|will\s+not)\s+be\s+back|see\s+(?:ya|you|u)\s+never|nice\s+knowing\s+(?:you|u|ya|everyone|yall)|this\s+is\s+(?:it|me\s+saying\s+(?:bye|goodbye))|thank\s+(?:you|u)\s+and\s+goodbye|my\s+last\s+(?:chat|message|text))"
FINALITY = r"(?:for\s+good|forever|every\s+night\s+after|for\s+real\s+this\s+time|(?:not|never)\s+waking\s+up|(?:please\s+)?(?:don'?t|do\s+not)\s+(?:be\s+sad|cry|look\s+for\s+me|blame\s+(?:yourself|yourselves|them)|try\s+to\s+find\s+me)|(?:never|not)\s+(?:your|ur|his|her|their|anyone'?s)\s+fault|wasn'?t\s+(?:you|your\s+fault|her\s+fault|his\s+fault)|none\s+of\s+this\s+is\s+on|(?:i'm|im|i\s+am)\s+(?:finally\s+)?(?:free|at\s+peace)(?:\s+now)?|sorry\s+for\s+(?:the\s+mess|everything|being\s+(?:a|such))|forgive\s+me|more\s+than\s+life|(?:sleep|rest)\s+forever|going\s+to\s+(?:sleep|rest)\s+now|it\s+was\s+just\s+too\s+much|(?:i\s+)?(?:just\s+)?can'?t\s+(?:do\s+this\s+)?any\s?more|tonight'?s\s+the\s+night|whoever\s+finds\s+(?:this|it|me)|before\s+i\s+go\b|(?:if|when)\s+(?:my|me)\s+\w+\s+(?:ever\s+)?(?:sees?|reads?|finds?)\s+this)"
FAREWELL_SAFE = r"(?:vacation|done\s+with\s+(?:this|my|the)\s+(?:essay|coursework|homework|assignment|dissertation|thesis|exam|module|project)|submitt(?:ing|ed)\b|see\s+(?:you|u|ya)\s+(?:tomorrow|soon|later|next|on|at)|(?:good\s?bye|bye|farewell)\s+(?:to\s+)?(?:school|uni|college|exams?|homework|coursework|essays?|maths|revision|work|office|this\s+job|that\s+job|my\s+job|retail|the\s+city|winter|summer|2\d{3})\b|last\s+exam|exams?\s+(?:are\s+)?(?:done|over|finished)|graduat|coworker|co-worker|colleague|leaving\s+(?:card|do|party)|talk\s+(?:tomorrow|soon|later)|tomorrow|next\s+(?:week|time|session)|for\s+now|for\s+the\s+night(?!\.\s+and)|good\s*night\s+(?:all|everyone|x)|sleep\s+(?:well|tight)|ttyl|holiday|trip|flight|airport|moving|new\s+job|last\s+day\s+at|retir|graduat|group\s?chat|twitter|instagram|tiktok|facebook|social\s+media|server|discord|game|match|episode|series|lol|lmao|haha|😂|🤣|jk)"

# Buying from several shops for a reason that is not hiding a stockpile.
CONCEALED_SAFE = r"(?:shortage|out\s+of\s+stock|sold\s+out|cheaper|cheapest|deal|offer|discount|surprise|present|gift|party|birthday|christmas|baby|formula|nappies|diapers|stock\s+up\s+for|flu\s+season)"

# A commute, a delay or a hobby: the same rail words harmless.
RAIL_OK_EXTRA = r"(?:commute|commuting|to\s+work|for\s+work|to\s+school|to\s+uni|late\b|delayed|cancelled|canceled|signal\s+failure|strike|train\s+home|ticket|trainspott|photos?|pics?|model\s+(?:train|railway)|lego|games?\b|minecraft|meet(?:ing)?\s+(?:up|you|him|her|my)|pick(?:ing)?\s+(?:me|you|him|her)\s+up|lol|haha|😂)"

RULES_EN_EXTRA: tuple[Rule, ...] = (
    # --- active ideation in chat words ---------------------------------------------------
    # "unalive" is read as "kill": "wanna unalive so bad", "thinking of unaliving", with no
    # one else named after it.
    Rule(
        r"\b(?:want|wanting|wanted|need|needing|going|ready|plan(?:ning)?|close|urges?|guts|courage)\s+to\s+(?:just\s+|really\s+|finally\s+|seriously\s+)?kill\b(?!\s*(?:him|her|them|you|it|my|me|the|a|an|this|that|these|those|time|some|every|all|his|their|our|your|people|someone|somebody|every(?:one|body)|off|for|two|\w+'s)\b)|\b(?:thinking|thinkin|thought|think|keep\s+thinking)\s+(?:about|of)\s+(?:just\s+)?killing\b(?!\s*(?:him|her|them|you|it|my|the|a|an|this|that|these|those|time|some|every|all|his|their|our|your|people|someone|somebody|every(?:one|body)|off|\w+'s)\b)|\bplanning\s+my\s+own\s+(?:killing|death|suicide)\b|\bfeel(?:ing|in)?\s+(?:very\s+|so\s+|real\s+|really\s+|kinda\s+)?kill\b",
        ACTIVE_IDEATION,
        benign=FICTION
        + "|"
        + LAUGH
        + r"|(?:spider|wasp|fly|flies|bugs?|mosquito|weeds?|plants?|zombies?)",
    ),
    # "kys" is read as "kill yourself": said to oneself it is the writer's own ideation
    # ("wanna kys. like myself", "kys thoughts but towards myself", "kys (me not u)").
    Rule(
        r"\bkill\s+yourself\b(?=[^\n]{0,60}\b(?:my\s?self|me\s+not\s+(?:you|u)|(?:like|to|towards|for)\s+me\b|i\s+want\s+to|i'm\s+starting)\b)|\bi\s+(?:just\s+|really\s+|kinda\s+|kind\s+of\s+)?(?:want\s+to|need\s+to|am\s+going\s+to|'m\s+going\s+to|wish\s+i\s+could|could)\s+kill\s+yourself\b|\bbeen\s+wanting\s+to\s+kill\s+yourself\b|\bkill\s+yourself\s+is\s+what\s+i\s+tell\s+myself\b",
        ACTIVE_IDEATION,
        context=False,
    ),
    # British and chat slang for killing oneself: "do myself in", "offing myself",
    # "neck myself", "want to rope", and the usual typos of "kill myself".
    Rule(
        r"\b(?:do|doing|did)\s+myself\s+in\b|\boff(?:ing|ed)\s+myself\b|\bneck(?:ing)?\s+myself\b|\b(?:want\s+to|thinking\s+(?:of|about)|going\s+to|ready\s+to)\s+(?:rope|roping)\b(?!\s+(?:in|off|a|the|it|them|him|her|swing))|\bk(?:ilm|lil|iil|ll|ikl|illl)\s+my\s?self\b|\bend\s+my\s+(?:lyf|lyfe|liife)\b",
        ACTIVE_IDEATION,
    ),
    # "ending it" spoken of oneself: "all i think about is ending it", "i'm so close to
    # ending it", "my brain keeps saying end it end it", "urges to end it".
    Rule(
        r"\b(?:think(?:ing)?|thinkin)\s+about\s+(?:is\s+)?(?:just\s+|simply\s+|really\s+)?(?:ending\s+(?:it|things|my\s+life)|taking\s+my\s+(?:own\s+)?life|killing\s+myself)\b(?!\s+(?:with|between))|\b(?:so\s+)?close\s+to\s+(?:ending\s+(?:it|things|my\s+life)|doing\s+(?:it|something)|killing\s+myself)\b(?!\s+(?:with|between))|\b(?:urges?|guts|courage|balls|nerve)\s+to\s+(?:end\s+(?:it|things|my\s+life)|do\s+it|go\s+through\s+with\s+it|kill\s+myself)\b|\bend\s+it\s+end\s+it\b|\bending\s+it\s+(?:soon|fr\b|for\s+real|tonight|this\s+week)|\bready\s+to\s+end\s+(?:it|things)\b(?!\s+(?:with|between))",
        ACTIVE_IDEATION,
        benign=FICTION
        + r"|(?:relationship|with\s+(?:him|her|them)|friendship|contract|subscription|lease|job|tenancy|semester|term|marriage|engagement)",
    ),
    # "i'm ending it" with a date or a condition before it ("if things don't change by june
    # i'm ending it"): the negation there belongs to the condition, not to the act.
    Rule(
        r"\b(?:i'm|im|i\s+am|i'll|i\s+will)\s+(?:(?!not\b|never\b)\w+\s+){0,2}ending\s+(?:it|things|my\s+life)\b(?!\s+(?:with|between|for))",
        ACTIVE_IDEATION,
        context=False,
        benign=FICTION
        + r"|(?:relationship|with\s+(?:him|her|them)|friendship|contract|subscription|lease|job|tenancy|semester|term|marriage|engagement|not\s+ending)",
    ),
    # Taking one's own life, said in other words: "i feel like taking my life", "thinking a
    # lot about taking my own life", "i want to finish my life", "planning to finish myself".
    Rule(
        r"\b(?:feel\s+like|thinking\s+(?:\w+\s+){0,3}(?:about|of)|thought\s+(?:\w+\s+){0,3}(?:about|of)|thoughts?\s+(?:of|about|to)|want(?:ing)?\s+to|need\s+to|planning\s+(?:to|on)|plan\s+to|going\s+to|ready\s+to|decided\s+to)\s+(?:just\s+)?(?:tak(?:e|ing)\s+my\s+(?:own\s+)?life|finish(?:ing)?\s+(?:my\s+(?:own\s+)?life|myself|my\s?self\s+off)|end(?:ing)?\s+my\s+(?:own\s+)?life|end(?:ing)?\s+myself)\b",
        ACTIVE_IDEATION,
        weight=2.0,
    ),
    # A wish to die said with weight: "wanting to die so bad", "i want to die. seriously",
    # "want to die fr". Without the emphasis it stays a wish to be dead.
    Rule(
        rf"\b(?:want|wanting|wanted|wnt)\s+to\s+(?:die|dye|go\s+dead|be\s+dead)\b[\s,.!]*(?:{EMPHATIC})",
        ACTIVE_IDEATION,
        benign=FICTION
        + "|"
        + LAUGH
        + r"|(?:embarrass|cringe|cringing|awkward|hungover|hangover|💀)",
    ),
    Rule(
        r"\bwanting\s+to\s+die\b|\bwnt\s+to\s+(?:die|dye)\b|\bwant\s+to\s+dye\b(?!\s+(?:my|the|it|her|his|them))|\bwan\s+die\b",
        PASSIVE_IDEATION,
        benign=FICTION + "|" + LAUGH + r"|(?:embarrass|cringe|hair|fabric|clothes|easter\s+eggs)",
    ),
    # Filter-dodging spellings of suicidal: "s-icidal", "sewerslidey", "sui thoughts".
    Rule(
        r"\bs-?icidal\b|\bsewer\s?slid(?:ey|y|al)\b|\bsui\s+(?:thoughts|ideation|urges|feelings)\b|\b(?:the|doing\s+the)\s+s\s+thing\b",
        ACTIVE_IDEATION,
    ),
    # Euphemisms for dying by suicide, with a word of wanting or thinking: "ready to log out
    # of life", "thinking about checking out permanently", "the forever nap", "final exit".
    Rule(
        r"\b(?:want|wanting|wanna|ready|thinking|thinkin|thought|think|going|gonna|planning|need)\s+(?:to\s+|about\s+|of\s+)?(?:just\s+)?(?:log(?:ging)?\s+out\s+of\s+life|check(?:ing|in)?\s+out\s+(?:permanently|for\s+good|of\s+life)|tak(?:e|ing|in)\s+the\s+(?:long|forever|permanent|eternal|big)\s+(?:nap|sleep)|(?:go\s+to\s+)?sleep\s+permanently|tak(?:e|ing)\s+the\s+(?:final|last|forever|permanent)\s+exit|tak(?:e|ing)\s+the\s+(?:easy\s+way\s+out|exit)|become\s+a\s+ghost|(?:go\s+)?see\s+(?:grandma|grandad|nan|my\s+\w+)\s+in\s+heaven|catch(?:ing)?\s+the\s+(?:bus|unalive\s+express|kill\s+express))\b|\bthe\s+(?:forever|permanent|eternal)\s+(?:nap|sleep)\b|\b(?:a\s+)?permanent\s+solution\s+(?:is\s+)?(?:looking|sounds|seems)\b|\bready\s+for\s+the\s+(?:long|big|forever|final)\s+sleep\b|\b(?:thinking|thinkin|thought)\s+(?:about|of)\s+(?:the\s+)?death\s+again\b",
        ACTIVE_IDEATION,
        benign=FICTION
        + r"|(?:hotel|airbnb|shop|store|checkout|basket|cart|nap\s+time|toddler|baby|cat\b|dog\b|school\s+bus|bus\s+stop|bus\s+home|bus\s+to\s+(?:work|school|town|uni))",
    ),
    # "i really wanna commit" (suicide left unsaid), "i want out of this life".
    Rule(
        r"\b(?:want\s+to|wanna|going\s+to|thinking\s+(?:of|about)|ready\s+to)\s+commit\b(?=\s*(?:[.,!?]|$|like\b|tbh|honestly|fr\b|ngl))|\bi\s+want\s+out\s+of\s+(?:this\s+)?(?:life|world)\b|\bgo\s+out\s+on\s+my\s+own\s+terms\b|\b(?:only\s+thing|all\s+that's|what's)\s+stopping\s+me\s+is\s+(?:i\s+)?(?:haven't|have\s+not|don't|dont|do\s+not)\s+(?:\w+\s+){0,2}(?:how|the\s+(?:guts|means|pills))\b",
        ACTIVE_IDEATION,
    ),
    # More chat forms of the wish to die: "i wanna be unalive so bad", "iwanttodie",
    # "want to 💀 myself", "k.y.s", "thinking about the big sleep. the permanent one",
    # "wanna press alt f4 on my life", "rage quitting life", "do the deed", "un-exist".
    Rule(
        r"\bwant(?:ing)?\s+to\s+be\s+kill\b|\biwant(?:to|2)die\b|\bwant\s+to\s+(?:💀|☠️?)\s*my\s?self\b|\bwant\s+to\s+k\.?y\.?s\b|\bwant\s+to\s+d[!1i]3\b|\bunalive3?\s+my\s?self\b|\b(?:thinking|thinkin|thought)\s+(?:about|of)\s+(?:death|die)\b(?=[^\n]{0,30}\b(?:for\s+real|permanent|forever|i\s+want|again|ya\s+know|you\s+know|fr)\b)|\b(?:want|wanting|wanna|ready|thinking|thinkin|thought|think|going|gonna|planning|need)\s+(?:to\s+|about\s+|of\s+)?(?:just\s+)?(?:do\s+a\s+permanent\s+log\s?out|press\s+alt\s*f4\s+on\s+(?:my\s+)?life|rage\s+quit(?:ting)?\s+life|quit(?:ting)?\s+life|do\s+the\s+deed|be\s+a\s+ghost|see\s+the\s+other\s+side|go(?:ing)?\s+to\s+the\s+\W?better\s+place|un-?exist(?:ing)?\s+myself|tak(?:e|ing)\s+a\s+long\s+walk\s+off\s+a\s+short\s+pier|go\s+dead\s+on\s+purpose)\b|\bwant\s+to\s+go\s+dead\s+on\s+purpose\b|\bpermanent\s+log\s?out\s+irl\b",
        ACTIVE_IDEATION,
        benign=r"(?<!not\s)(?<!not\sa\s)(?:game|gaming|match|server|discord|twitch|stream|lobby|ranked|in\s+game)(?![^\n]*\birl\b)",
    ),
    # Going to sleep and never waking, then making it happen: "i feel like going to sleep
    # and never waking up and maybe i'll make it happen".
    Rule(
        r"\bgo(?:ing)?\s+to\s+sleep\s+and\s+(?:never|not)\s+wak(?:e|ing)\s+up\b|\bidw(?:2|to)bhere\b|\b(?:don't|dont|do\s+not)\s+see\s+myself\s+(?:being\s+)?(?:alive|here|around)\s+(?:for|by|at|in|next)\b",
        PASSIVE_IDEATION,
    ),
    Rule(
        r"\basking\s+for\s+(?:myself|me)\b|(?:^|[.!?]\s+)ending\s+it\b(?!\s+(?:with|between))|\bmake\s+(?:it|that|this)\s+happen\b|\bmake\s+sure\s+of\s+(?:that|it)\b|\bdo\s+it\s+myself\b|\b(?:going\s+to|gonna)\s+(?:do\s+it|find\s+a\s+way)\s+(?:eventually|one\s+day|soon)\b|\b(?:going\s+to|gonna)\s+find\s+a\s+way\b(?=\s*[.!]*\s*$)",
        ACTIVE_IDEATION,
        needs_risk=True,
    ),
    # Ideation said outright in other words, its own context: "all i think about on the
    # tractor is ending it", "my suicidal thoughts are really bad this week, worse than last
    # year", "by my own hand", "kill me. im not kidding", "every time i see the train i think
    # about stepping forward".
    Rule(
        r"\ball\s+i\s+(?:want|need)\s+(?:is\s+)?to\s+(?:end\s+it|die|do\s+it|be\s+dead)\b|\ball\s+i\s+(?:can\s+|ever\s+)?think\s+about\s+(?:\w+\s+){0,4}?is\s+(?:ending\s+it|dying|killing\s+myself|death|suicide)\b|\bmy\s+suicidal\s+(?:thoughts|ideation|urges|feelings)\s+(?:are|is|have\s+been|been)\s+(?!not\b)(?:really\s+|so\s+|very\s+)?(?:bad|worse|strong|loud|back)\b|\bby\s+my\s+own\s+(?:hand|doing)\b(?=\s*(?:[.!,]|$))|^\s*kill\s+me\b(?=[^\n]{0,40}\b(?:not\s+kidding|not\s+joking|i\s+mean\s+it|for\s+real|fr)\b)|\b(?:train|trains|platform|tracks|edge)\b[^\n]{0,60}\bthink(?:ing)?\s+about\s+(?:just\s+)?(?:stepping|jumping)\s+(?:forward|out|off)\b",
        ACTIVE_IDEATION,
        context=False,
        benign=r"(?:made|built|painted|knitted|baked|cooked|grown|sewn|crafted|carved|written|drew|drawn)\s+(?:\w+\s+){0,3}by\s+my\s+own\s+hand",
    ),
    # Thinking of a method: "every train that goes past i think about stepping in front of
    # it", "think about turning the wheel into oncoming traffic", "thinking of driving into a
    # tree", "thinking about using the gun in the cupboard", "looking at the knives and
    # thinking about it".
    Rule(
        r"\b(?:think(?:ing)?|thought|imagine|imagining)\s+(?:\w+\s+){0,2}?(?:about|of)\s+(?:just\s+)?(?:stepping(?:\s+out)?|jumping|walking|driving|swerving|turning\s+the\s+wheel|crashing|throwing\s+myself|lying\s+down)\s+(?:\w+\s+){0,2}?(?:in\s+front\s+of\s+(?:it|(?:a|the|an)\s+(?:\w+\s+)?(?:train|bus|lorry|truck|car|van|tram|traffic))|into\s+(?:(?:a|the|oncoming)\s+)?(?:\w+\s+)?(?:traffic|tree|wall|river|sea|lake|canal|truck|lorry|bus|train)|off\s+(?:a|the)\s+(?:\w+\s+)?(?:bridge|roof|cliff|building|ledge|balcony|car\s*park))\b|\b(?:think(?:ing)?|thought)\s+(?:\w+\s+){0,2}?about\s+(?:using\s+)?(?:the|my|dad'?s|his)\s+(?:gun|rifle|shotgun|knives|knife|pills|rope)\b|\blooking\s+at\s+the\s+(?:knives|pills|rope|gun|tracks|bridge|tablets)\b[^\n]{0,50}\bthinking\s+about\s+it\b|\bknow\s+where\s+(?:my\s+)?(?:dad|he|she|mum|my\s+\w+)\s+keeps\s+the\s+(?:key\s+to\s+the\s+)?(?:gun|guns|gun\s+safe|rifle|shotgun|pills|knives)\b",
        ACTIVE_IDEATION,
        benign=FICTION + r"|(?:hunting|range|clay|pool|swim|driving\s+test|lesson|holiday|trip)",
    ),
    # Preparations in other words: a wedding ring left with a note, possessions labelled for
    # each person, things bought "from 3 different shops so they wouldn't notice", "a date
    # in my head", "for when i'm gone", "so she knows i loved her", a rope hidden.
    Rule(
        r"\b(?:left|put)\s+my\s+(?:wedding\s+)?ring\b[^\n]{0,60}\bnote\b|\bnote\b[^\n]{0,40}\b(?:left|put)\s+(?:\w+\s+)?my\s+(?:wedding\s+)?ring\b|\b(?:written|wrote)\s+a\s+note\b(?=[^\n]{0,40}\b(?:not\s+sure\s+when|don't\s+know\s+when|dont\s+know\s+when|it'?s\s+written|in\s+case)\b)|\blabel(?:l)?ing\s+(?:them|it|my\s+\w+)\s+for\s+each\b|\blabel(?:l)?ed\s+bags\b|\b(?:from|at)\s+(?:\d+|two|three|four|several|different)\s+(?:different\s+)?(?:shops|chemists|pharmacies|stores|supermarkets)\b(?=[^\n]{0,60}\b(?:notice|stop\s+me|suspicious|ask|questions|won't\s+sell)\b)|\b(?:collecting|buying|bought|getting)\s+(?:the\s+|some\s+)?(?:\w+\s+)?(?:paracetamol|tablets|pills|painkillers)\s+from\s+different\s+(?:shops|chemists|pharmacies)\b|\ba\s+date\s+in\s+my\s+head\b|\bfor\s+when\s+i'?m\s+(?:gone|not\s+here|dead)\b|\bfor\s+when\s+i\s+go\b(?!\s+(?:to|on|away|abroad|back|home|out))|\bso\s+(?:she|he|they)\s+knows?\s+i\s+loved\b|\b(?:rope|noose|pills|tablets|gun|blades?|razors?)\s+(?:is\s+|are\s+)?(?:hidden|stashed)\b|\bi\s+have\s+a\s+plan\b(?!\s+for\b)(?=[^\n]{0,40}\b(?:calm|scary|won'?t\s+say|wont\s+say|not\s+telling)\b)|\bmy\s+plan\s+is\s+the\s+(?:train|bridge|rope|pills|gun|tracks|river)\b(?!\s+(?:home|to|at|into|station|ride))|\b(?:picked|chosen|chose|found)\s+(?:out\s+)?(?:the|a)\s+(?:bridge|building|tree|cliff|place|spot)\b(?=[^\n]{0,60}\b(?:tall|high|drop|been\s+(?:to\s+look|back)|twice|no\s+one\s+goes|nobody\s+goes|and\s+everything|on\s+the\s+bypass|near\s+the\s+old)\b)|\b(?:worked|working)\s+out\s+the\s+height\b|\btrain\s+times\s+(?:at|for)\s+the\s+(?:crossing|line\s+near)\b|\b(?:got\s+rid\s+of|sold|gave\s+away|given\s+away|cleared(?:\s+out)?|rehomed)\s+my\s+\w+(?:\s+\w+)?\s*(?:,|and)\s*(?:i\s+)?(?:got\s+rid\s+of|sold|gave\s+away|gave|cleared(?:\s+out)?|rehomed|cancelled)\s+my\b",
        PLAN,
        weight=2.0,
        benign=r"(?:swimming|gym|washing\s+up|cooking|baking|surgery|x-?ray|pool|resiz|jeweller|engrav|repair|moving|new\s+(?:house|flat|job)|abroad|price|cheaper|deals?|out\s+of\s+stock|sold\s+out|shortage|wedding\s+(?:plans?|venue)|picnic|holiday|view|photos?|upgrad|marketplace|ebay|vinted|declutter(?:ing)?\s+(?:is|feels)\s+(?:so\s+)?good|proposal|propose|surprise|birthday|party|lol|haha)",
    ),
    Rule(
        r"\b(?:don't|dont|do\s+not)\s+want\s+to\s+owe\s+(?:anyone|anybody|people)\b|\b(?:choose|chose|chosen|pick|picked|set)\s+(?:a|the)\s+date\b|\bsaid\s+(?:bye|goodbye)\s+to\s+(?:my\s+)?\w+\s+(?:in\s+my\s+head|without\s+(?:telling|them\s+knowing))\b",
        PLAN,
        needs_risk=True,
        cue_alone=True,
        benign=r"(?:wedding|party|holiday|trip|appointment|exam|interview|date\s+night|birthday|surgery|move|moving)",
    ),
    # --- method research ---------------------------------------------------------------
    # Questions about lethality: "what height do you need for it to be certain", "how much
    # insulin would stop a heart", "how much of my sertraline to not wake up", "lethal dose".
    Rule(
        r"\b(?:how\s+(?:many|much|high|tall|far|long|deep)|what\s+height|which\s+floor|what\s+dose|what\s+amount)\b[^.!?\n]{0,50}?\b(?:(?:for\s+it\s+)?to\s+be\s+(?:for\s+)?(?:sure|certain|fatal|final|enough)|be\s+(?:certain|sure|fatal)|would\s+(?:kill|stop\s+(?:a|my|the)\s+heart|be\s+fatal|be\s+lethal)|to\s+(?:not\s+wake\s+up|stop\s+(?:a|my|the)\s+heart|be\s+fatal|die|kill\s+(?:me|a\s+person|someone|you))|takes?\s+to\s+(?:bleed\s+out|die|drown|suffocate))\b|\blethal\s+(?:doses?|amounts?|heights?|dosage)\b|\b(?:least|less)\s+painful\s+way\b|\bpainless\s+(?:way|method)s?\b|\bhow\s+long\s+(?:it\s+)?(?:takes?|does\s+it\s+take|would\s+it\s+take)\s+to\s+bleed\s+out\b|\bis\s+(?:hanging|drowning|jumping|bleeding\s+out|an?\s+overdose|overdosing|carbon\s+monoxide|helium)\s+(?:quick|quicker|fast|painless|painful|instant|peaceful|certain|reliable)\b|\b(?:do|does|can|could)\s+(?:people|you|anyone|a\s+person)\s+(?:ever\s+)?survive\s+(?:jumping|a\s+jump|a\s+fall|falling|hanging|an?\s+overdose|overdosing|drowning)\b",
        ACTIVE_IDEATION,
        weight=2.0,
        benign=FICTION
        + r"|(?:nursing|nurse|pharmacology|pharmacy|medical\s+school|vet\b|my\s+(?:dog|cat)|climbing|bungee|skydiv|parachute|diving|scuba|cliff\s+jump|pool|trampoline|recipe|cooking|baking|caffeine|coffee|melatonin\s+for\s+sleep)",
    ),
    # Looking for a place: "researching which bridge is highest", "looked up the tallest
    # building", "working out which floor", "which train lines don't slow down".
    Rule(
        r"\b(?:research(?:ing|ed)?|look(?:ing|ed)\s+(?:up|at)|googl(?:ing|ed)|check(?:ing|ed)|working\s+out|worked\s+out|measur(?:ing|ed)|watching\s+videos\s+of)\s+(?:\w+\s+){0,5}?(?:the\s+)?(?:highest|tallest|high\s+enough|tall\s+enough|heights\b|which\s+(?:floor|bridge|building|cliff)|bridges)\b|\b(?:which|what)\s+(?:train|trains|lines?|express)\s+(?:\w+\s+){0,3}(?:don't|dont|doesn't|doesnt|do\s+not|never)\s+(?:slow|stop)\b|\btimetable\s+(?:for|of)\s+(?:the\s+)?(?:express|fast\s+train|freight|line\s+near)|\bexpress\s+(?:goes|comes)\s+through\s+without\s+stopping\b|\b(?:picked|chosen|chose|found)\s+(?:the|a|my)\s+(?:spot|place)\s+(?:at|on|by|near|off)\s+(?:the\s+)?(?:cliff|bridge|tracks|railway|river|roof|car\s*park|quarry|multi\s*stor(?:e)?y)\b|\bwhere\s+the\s+cameras\s+(?:aren't|are\s+not|don't|can't)\b",
        PLAN,
        benign=r"(?:view|sunset|sunrise|selfie|photos?|pictures?|pics|hiking|hike|climb(?:ing)?|tourist|sightseeing|picnic|holiday|trip|engineering|project|homework|essay|school|uni|commute|late\b|delayed|trainspott|model\s+railway|shoplift|steal)",
    ),
    # Thinking or looking up how, in the company of other risk: "i've thought about how",
    # "thinking of ways to make that happen", "been thinking how", "i looked up how".
    Rule(
        r"\b(?:thinking|thought|think|planning|researching|looked\s+up|looking\s+up|googled|figuring\s+out|worked\s+out|working\s+out)\s+(?:about\s+|of\s+)?(?:how\b(?=\s*(?:$|[.,!?]|i'?d\b|i\s+would|i'?ll\b|i\s+(?:will|could|might|can)\b|to\s+(?:do\s+it|end|go\b|die|kill)|many|high|long|far|deep|it'?d\b|it\s+would\s+(?:work|go|happen)))|ways\s+to\s+(?:make\s+(?:that|it)\s+happen|do\s+it|go)|methods?)\b",
        PLAN,
        needs_risk=True,
    ),
    # --- preparations ---------------------------------------------------------------------
    # The note: "wrote my note", "drafted the note", "started writing my note".
    Rule(
        r"\b(?:wrote|written|writing|drafted|drafting|finished|started\s+writing|started)\s+(?:my|the)\s+(?:suicide\s+|goodbye\s+|last\s+)?note\b(?!\s+(?:for\s+(?:class|school|work|uni|the\s+(?:exam|test|meeting|lecture))|on\s+(?:the\s+)?(?:fridge|door)|about))",
        PLAN,
        weight=2.0,
        benign=r"(?:class|lecture|revision|exam|study|meeting|thank\s*(?:you|-you)|birthday|christmas|card|teacher|permission|sick\s+note|doctor'?s\s+note|fridge|shopping|grocery|landlord|complain|neighbou?r|voice\s+note|sticky\s+note|post-?it)",
    ),
    # Letters to the people close: two or more of them, "a letter each", "each of the kids",
    # letters hidden in a drawer or a pocket, written and addressed.
    Rule(
        rf"\b(?:wrote|written|writing|left|got|finished)\s+(?:a\s+|the\s+|some\s+)?(?:letters?|notes?)\s+(?:\w+\s+){{0,2}}(?:to|for)\s+(?:(?:my|the|each\s+of\s+(?:my|the))\s+)?(?:\w+\s+)?{CLOSE}\s+(?:and|&)\s+(?:(?:my|a\s+separate\s+one\s+to\s+my|one\s+to\s+my|one\s+for\s+my)\s+)?(?:\w+\s+)?{CLOSE}\b|\b(?:letters?|notes?)\s+(?:to|for)\s+each\s+of\s+(?:the|my)\s+\w+|\b(?:written|wrote)\s+(?:my|each\s+of\s+my)\s+(?:\w+\s+)?(?:kids|children|family|friends|parents|sons|daughters)\s+(?:a\s+)?(?:letter|note)s?\b|\b(?:letters?|notes?)\s+(?:are\s+|all\s+)?(?:written|addressed)\s+(?:and|&)\s+(?:addressed|sealed)|\bletters?\s+to\s+people\b|\b(?:letters?|notes?)\s+(?:\w+\s+){{0,8}}(?:in\s+(?:my|the|their)\s+(?:drawer|pocket|lockers?|jewellery\s+box|wallet)|with\s+my\s+will)\b|\b(?:their|theyre|they're|it's|its)\s+in\s+my\s+(?:drawer|pocket)\b",
        PLAN,
        weight=2.0,
        benign=r"(?:santa|pen\s*pal|thank[\s-]*you|birthday|christmas|mother'?s\s+day|father'?s\s+day|valentine|anniversary|care\s+home|dementia|prison|deployed|army|school\s+project|homework|counsell?or\s+suggested|therapist\s+(?:suggested|said)|younger\s+self|future\s+kids|wedding|thank|revision|lecture|class\b)",
    ),
    # Giving things away, with no reason or a false one: "gave my ps5 to my little bro. i
    # won't need it", "told them i'm moving. i'm not", "he asked why".
    Rule(
        r"\b(?:gave|given|giving|give|sold|selling|got\s+rid\s+of|cancel(?:led|ed|ling)|handed)\b[^\n]{0,100}?\b(?:won't|wont|will\s+not|don't|dont|do\s+not)\s+need\s+(?:it|them|either|any\s+of\s+(?:it|them|this)|those|these|that|my\s+\w+)\b|\b(?:gave|given|giving|sold|selling|handed|left\s+my)\b[^\n]{0,100}?\b(?:(?:he|she|they)\s+(?:thinks?\s+i'?m\s+(?:moving|decluttering|travell?ing|being))|(?:told|said\s+to)\s+(?:him|her|them|people|everyone|my\s+\w+)\s+(?:i(?:'m|m|\s+am|\s+was)\s+(?:moving|travell?ing|retiring|too\s+old|not\s+\w+ing\s+any\s?more)|i\s+just\s+wanted|it\s+was\s+(?:an?\s+|cuz|because|for))|(?:i'm|im|it's|its)\s+not\s*[.!]?\s*$|(?:i'm|im)\s+not\s+(?:moving|travell?ing|retiring)|said\s+i(?:'m|m|\s+am)?\s+(?:don't|dont|not)\s+\w+\s+(?:them|it)\s+any\s?more)",
        PLAN,
        benign=r"(?:upgrad|new\s+one|got\s+a\s+new|bought\s+a\s+new|replaced|outgrown|too\s+small|doesn't\s+fit|broken|switch(?:ed|ing)\s+to|baby\s+clothes|due\s+in|marketplace|moving\s+(?:to|abroad|house|out|in)|for\s+work|excited|new\s+chapter|lol\s+jk|now\s+(?:that\s+)?i\b|work\s+from\s+home|wfh|since\s+i\b|because\s+i\b|cos\s+i\b|as\s+i\b)",
    ),
    Rule(
        r"\b(?:gave|given|giving|sold|selling|handed|left\s+my)\b[^\n]{0,100}?\b(?:he|she|they)\s+(?:(?:was|were|looked|seemed)\s+(?:confused|surprised|worried)|asked\s+(?:me\s+)?why|(?:doesn't|doesnt|does\s+not|didn't|didnt)\s+(?:know\s+why|question\s+it|ask)|has\s+no\s+idea)\b",
        PLAN,
        needs_risk=True,
        cue_alone=True,
        benign=r"(?:upgrad|new\s+one|got\s+a\s+new|bought\s+a\s+new|replaced|outgrown|too\s+small|doesn't\s+fit|broken|never\s+wear|old\s+(?:coat|clothes|shoes|jumper)|birthday|christmas|present|gift|marketplace|moving\s+(?:to|abroad|house|out|in))",
    ),
    # Rehoming a pet: "found homes for my chooks and my old dog", "the dog's new owner",
    # "said goodbye to my dog, gave her to the neighbours", "dog's with my sister".
    Rule(
        r"\b(?:found|finding|sorted|sorting)\s+(?:out\s+)?(?:a\s+)?(?:new\s+)?(?:homes?|owners?|families)\s+for\s+(?:my|the)\s+(?:\w+\s+)?(?:dogs?|cats?|pets?|chooks|chickens|hens|rabbits?|horses?|birds?|fish)\b|\b(?:dog|cat|pet|puppy|kitten)'?s\s+new\s+(?:owner|home|family)\b|\bsaid\s+goodbye\s+to\s+my\s+(?:dog|cat|pet|puppy|kitten|horse)\b|\b(?:dog|cat)'?s\s+with\s+my\s+(?:sister|brother|mum|mom|mam|friend|mate|neighbou?r)\b",
        PLAN,
        benign=r"(?:moving\s+(?:to|abroad|house)|landlord|new\s+baby|can't\s+afford|no\s+pets|foster|rescue|put\s+down|put\s+to\s+sleep|passed\s+away|died|vet\b|holiday|on\s+holiday|while\s+i'?m\s+away|kennels|litter)",
    ),
    # Affairs put in order for after: life insurance and its clause, funeral wishes, one's
    # own eulogy, a will and who gets what, passwords and bank card left for someone, debts
    # paid "so nobody gets stuck", "less for mum to sort".
    Rule(
        r"\blife\s+insurance\b[^\n]{0,60}\b(?:paid\s+up|pays?\s+out|beneficiary|clause|\d\s+years?|two\s+years?|up\s+to\s+date|valid)\b|\bbeneficiary\s+on\s+my\b|\b(?:my|wrote\s+down\s+the|sorted\s+my|written\s+my|paid\s+off\s+the)\s+(?:funeral\s+(?:wishes|plan|music|songs?|playlist)|own\s+(?:eulogy|obituary))\b|\b(?:wrote|written|writing)\s+(?:my\s+)?own\s+(?:eulogy|obituary)\b|\bfuneral\s+wishes\b|\bwho\s+gets\s+(?:what|my)\b|\b(?:made|sorted|wrote|written|updated|did)\s+(?:out\s+)?(?:my|a)\s+will\b(?=[^\n]{0,80}\b(?:lol|who\s+gets|games|passwords?|note|letter|drawer|envelope|wife|kids|thinks|in\s+case)\b)|\b(?:bank\s+card|card|passwords?|password\s+list|bank\s+details|pin)\s+(?:and\s+(?:my\s+)?(?:pin|passwords?|will)\s+)?(?:are\s+|is\s+)?in\s+an\s+envelope\b|\b(?:told|showed)\s+(?:my\s+)?\w+\s+where\s+(?:my\s+|the\s+)?(?:\w+\s+)?(?:password\s+list|passwords|insurance\s+papers|will\b|papers|deeds)|\b(?:wrote|written|writing)\s+(?:down\s+)?(?:my\s+|all\s+my\s+)?passwords?\s+(?:down\s+)?for\s+(?:my\s+)?\w+|\bso\s+(?:nobody|no\s+one|no-one)\s+(?:gets?|is)\s+(?:stuck|left)\s+with\b|\bso\s+(?:it|they)\s+(?:doesn't|don't|won't)\s+go\s+to\s+my\s+(?:parents|family|mum|dad|wife|husband|kids)\b|\bless\s+for\s+(?:my\s+)?(?:mum|mom|dad|family|them|her|him|anyone|everyone|the\s+kids)\s+to\s+(?:sort|do|deal\s+with|clear|clean)\b|\bso\s+(?:nobody|no\s+one|no-one)\s+(?:has|have|will\s+have)\s+to\s+(?:deal\s+with|sort(?:\s+out)?|clear(?:\s+out)?|clean\s+up)\s+(?:my|it|them)\b|\bplaylist\s+for\s+(?:after|my\s+funeral)\b|\bgoodbyes?\s+(?:to\s+\w+\s+)?without\s+(?:them|anyone|people)\s+knowing\b|\b(?:all\s+)?squared\s+away\s+now\b|\beverything(?:'s|\s+is)\s+(?:in\s+order|square)\s+now\b|\btying\s+up\s+loose\s+ends\b(?=\s*[.!]?\s*$)",
        PLAN,
        weight=2.0,
        benign=r"(?:joking|grandma|grandad|nan's|gran's|dad's\s+funeral|mum's\s+funeral|his\s+funeral|her\s+funeral|creative\s+writing|poem|school\s+project|new\s+baby|mortgage|solicitor|lawyer|financial\s+advis|everyone\s+should|holiday|travel(?:ling)?\s+abroad|surgery|operation|moving|work\s+project|before\s+(?:my\s+)?(?:holiday|leave|maternity))",
    ),
    # Cancelling what one will not need: "cancelled my gym and my phone contract. won't need
    # them", "given the landlord notice. i won't need either after next week".
    Rule(
        r"\bcancel(?:led|ed|ling)\s+(?:my\s+)?(?:\w+\s+)?(?:gym|phone|contract|subscriptions?|membership|insurance)\b[^\n]{0,80}\b(?:won't|wont|will\s+not|don't|dont)\s+need\b|\bcancel(?:led|ed|ling)\s+(?:my\s+)?subscriptions\s*,\s*gave\b",
        PLAN,
        weight=2.0,
        benign=r"(?:moving|abroad|new\s+(?:job|flat|house|phone|contract|gym)|cheaper|switch|uni|travel|trip|too\s+expensive|can't\s+afford|now\s+(?:that\s+)?i\b|work\s+from\s+home|wfh|since\s+i\b|because\s+i\b|cos\s+i\b)",
    ),
    # "i won't need it" on its own line: a warning sign; with risk, a preparation.
    Rule(
        r"^\s*(?:and\s+|so\s+|i\s+mean\s+)?i\s+(?:won't|wont|will\s+not)\s+need\s+(?:it|them|any\s+of\s+(?:it|them)|those|that)(?:\s+(?:any\s?more|soon|where\s+i'm\s+going))?\s*[.!]*\s*$",
        PLAN,
        needs_risk=True,
        cue_alone=True,
    ),
    # --- recent attempts: days and weeks, not years ---------------------------------------
    Rule(
        rf"\b(?:i\s+(?:tried|attempted)(?:\s+again)?|my\s+(?:suicide\s+)?attempt\s+(?:was|is)|(?:i\s+)?had\s+(?:an|my)\s+(?:suicide\s+)?attempt|(?:since|after)\s+i\s+(?:tried|attempted)|since\s+my\s+(?:suicide\s+)?attempt|tried\s+to\s+(?:take\s+my\s+(?:own\s+)?life|kill\s+myself|hang\s+myself|gas\s+myself|jump|drown\s+myself|crash\s+(?:the|my)\s+car|overdose|od|end\s+(?:it|my\s+life))|had\s+my\s+stomach\s+pumped|(?:got|been)\s+(?:out\s+of|discharged\s+from|released\s+from)\s+(?:the\s+)?(?:psych|psychiatric|mental\s+health)\s+(?:ward|unit|hospital)|(?:been\s+(?:to|in)|got\s+out\s+of)\s+(?:the\s+)?hospital\s+(?:\w+\s+){{0,3}}for\s+an?\s+(?:overdose|od|attempt)|stood\s+on\s+the\s+(?:bridge|ledge|edge|roof)\s+and\s+(?:climbed|came|stepped)\s+back)\b[^.!?\n]{{0,40}}?\b{RECENT_DAYS}\b|\b{RECENT_DAYS}\s+(?:since\s+)?(?:i\s+(?:tried|attempted|stood\s+on\s+the\s+(?:bridge|ledge|edge|roof))|i\s+had\s+my\s+stomach\s+pumped|my\s+(?:suicide\s+)?attempt)\b|(?:^|[.!?]\s*)attempted\s+(?:last\s+(?:week|month|weekend|night)|on\s+\w+day|yesterday)\b|\b(?:got\s+out\s+of|discharged\s+from|left)\s+(?:the\s+)?(?:psych\s+ward|psych|hospital|ward|icu|a&e)\s+after\s+(?:my|the|an)\s+(?:attempt|overdose|od)\b|\bfound\s+me\s+in\s+time\b|\bdischarged\s+(?:yesterday|today|this\s+week|last\s+week|\w+\s+days\s+ago)\s+after\s+(?:i\s+)?(?:tried|my\s+attempt|an?\s+(?:overdose|attempt))",
        SELF_HARM,
        weight=2.0,
        context=False,
        benign=r"(?:tried\s+(?:yoga|pilates|running|the\s+gym|a\s+new|the\s+new|a\s+diet|to\s+quit|to\s+stop|calling|ringing|texting|talking|to\s+(?:call|ring|text|talk|tell|explain|sleep|eat))|recipe)",
    ),
    # An attempt told without a recent date is history: "i attempted 5 years ago", "i
    # attempted in uni and survived".
    Rule(
        r"\bi\s+attempted\b(?!\s+(?:to\s+(?!kill|end|take|die|hang|jump|overdose|od)|the\s+|a\s+|an\s+|my\s+(?!life)))",
        PRIOR_ATTEMPT,
        context=False,
    ),
    # --- current self-harm ------------------------------------------------------------------
    Rule(
        r"\b(?:hurting|harming|hitting|punching|burning|cutting|scratching|biting|starving|choking|bruising)\s+myself\b|\b(?:i\s+)?keep\s+(?:hurting|harming|hitting|cutting|burning)\b",
        SELF_HARM,
        benign=SH_OK
        + r"|(?:no\s+thoughts\s+of|not\s+thinking\s+(?:of|about)|never\s+(?:thought|think)\s+(?:of|about))",
    ),
    # Until it bleeds, splits or goes numb: "scratch till i bleed", "punched the wall til my
    # knuckles split", "banged my head against the wall til it went numb".
    Rule(
        r"\b(?:scratch(?:ing|ed|es)?|pick(?:ing|ed)?(?:\s+at)?|punch(?:ing|ed)?|bang(?:ing|ed)?|bash(?:ing|ed)?|hit(?:ting)?|slam(?:ming|med)?|pull(?:ing|ed)?|bit(?:e|ing)?|carv(?:e|ed|ing)|burn(?:ing|ed|t)?)\b[^.!?\n]{0,50}?\b(?:till|until|til|untill)\s+(?:it|they|i|my\s+\w+|the\s+skin|there\s+was)\s+(?:\w+\s+)?(?:bleeds?|bled|bleeding|blood|split|splits|went\s+numb|goes\s+numb|go\s+numb|saw\s+stars|see\s+stars|bruised?|bruises|broke)\b",
        SELF_HARM,
        benign=SH_OK,
    ),
    # Blows against a wall or a door, repeated or meant: "keep slamming my hand in the door.
    # did it 3 times today", "banged my head on the wall until i saw stars".
    Rule(
        r"\b(?:bang(?:ing|ed)?|bash(?:ing|ed)?|slam(?:ming|med)?|hit(?:ting)?|smash(?:ing|ed)?)\s+my\s+(?:head|hands?|fists?|arms?)\s+(?:\w+\s+)?(?:against|on|in|into)\s+(?:the\s+)?(?:wall|walls|door|floor|desk|mirror)\b(?=[^\n]*\b(?:till|until|til|on\s+purpose|again|keep|kept|most\s+days|every\s+(?:day|night|time)|times\s+today|to\s+feel|numb|bleed|split|stars)\b)",
        SELF_HARM,
        benign=SH_OK
        + r"|(?:ouch|ow+\b|clumsy|cupboard|car\s+door|getting\s+out\s+of|low\s+(?:ceiling|beam)|frustrat\w*\s+with\s+(?:the\s+)?(?:wifi|computer|laptop|printer))",
    ),
    # A tool on the skin: "used the glass on my arm", "a compass to scratch my leg", "burn my
    # arms with cigarettes", "using the sharpener blade again", "carve words into my skin".
    Rule(
        r"\bused\s+(?:the|a|some|my)\s+(?:glass|blade|razor|knife|compass|pin|safety\s+pin|sharpener|scissors|lighter|needle)\s+on\s+(?:my\s+\w+|myself)\b|\b(?:a|the|my)\s+(?:compass|safety\s+pin|pin|needle|sharpener(?:\s+blade)?|razor|blade|scissors|lighter|cigarettes?|glass)\s+(?:\w+\s+){0,7}?to\s+(?:scratch|cut|burn|carve)\s+(?:my|myself)\b|\b(?:burn|burnt|burned|burning|scratch\w*|cut\w*|carv\w*)\s+(?:my\s+)?(?:arms?|legs?|wrists?|thighs?|skin|stomach|hands?)\s+with\s+(?:a\s+|the\s+|my\s+)?(?:cigarettes?|lighters?|compass|pin|safety\s+pin|blades?|razors?|glass|scissors|needle|knife)\b|\b(?:using|used)\s+(?:the|a|my)\s+(?:\w+\s+)?(?:blade|razor)s?\s+again\b|\bblades?\s+again\b|\bcarv(?:e|ed|ing)\s+(?:\w+\s+){0,2}(?:into|in|on)\s+my\s+(?:skin|arms?|legs?|thighs?|wrists?|stomach)\b|\b(?:burn\w*|cut|cutting|slic\w*|scratch\w*|hit|hitting|punch\w*|bang\w*)\b[^.!?\n]{0,40}\bon\s+purpose\b|\bdid\s+sh\b|\bsh'?d\b|\bi\s+sh\s+(?:today|tonight|again|yesterday|last\s+night|this\s+morning)\b|\bcuttin\s+again\b|\bcan't\s+stop\s+(?:\w+\s+and\s+)?(?:cutting|burning|scratching|hurting\s+myself)\b|\b(?:using|used)\s+(?!to\b)(?:the\s+|a\s+|an\s+)?(?:\w+\s+){1,5}?to\s+cut\b(?!\s+(?:the|my\s+(?:hair|nails|fringe)|it|paper|fabric|wood|food|veg|out|down|back))",
        SELF_HARM,
        benign=SH_OK
        + r"|(?:hair|fringe|bangs|wood|fabric|craft|art\s+class|pumpkin|carving\s+(?:the|a)\s+(?:turkey|roast|pumpkin))",
    ),
    # Cutting told as a habit or a count: "cut three times this week", "i cut when i can't
    # stop eating", "4 months clean and i cut", "i keep going deeper", "cutting again".
    Rule(
        r"\bcut\s+(?:\w+\s+)?(?:times|x)\s+(?:this|last|a)\s+(?:week|day|night|month)\b|\bi\s+cut\s+(?:when|whenever|every|most|after|because|to\s+(?:feel|cope|calm))\b|\bclean\s+(?:and|but|then)\s+(?:i\s+)?(?:cut|relapsed|burned|burnt)\b|\b(?:keep|kept)\s+going\s+deeper\b|\bmy\s+(?:thighs|arms|legs|wrists|stomach)\s+(?:are|is)\s+covered\b(?=[^\n]*\b(?:cut\w*|deeper|blade|razor|again|keep|scars?)\b)|\b(?:cutting|burning)\s+again\b|\bcat\s+scratch(?:es)?\b[^\n]{0,30}(?:again|if\s+(?:you|u)\s+know|😉|🐱)",
        SELF_HARM,
        benign=r"(?:hair|fringe|bangs|nails|grass|lawn|bread|cake|onions?|vegetables|paper|fabric|wood|budget|sugar|carbs|cost|price|calories|smoking|vaping|drinking|coffee|class|candles?|incense|tattoos?|paint|bites|freckles|hives|rash|mud)",
    ),
    # --- acts in progress the first tables leave at low -------------------------------------
    # At the water, the tracks or a height now: a means at hand ("i'm at the river now", "im
    # on the roof at work", "in the cab of my truck on the crossing").
    Rule(
        r"\b(?:i'm|im|i\s+am|i've\s+been|been|sitting|standing|parked)\s+(?:\w+\s+){0,2}?(?:at|on|by|in|up\s+on|on\s+top\s+of)\s+(?:the\s+)?(?:\w+\s+)?(?:river|riverbank|level\s+crossing|railway\s+crossing|crossing|train\s+tracks|tracks|cliffs?|cliff\s+edge|bridge|dam\s+wall|dam|quarry|lake|reservoir|roof|rooftop|pier|jetty|viaduct|overpass|parapet|ledge)\b",
        METHOD_MEANS,
        benign=r"(?:view|sunset|sunrise|selfie|photos?|pictures?|pics|hiking|hike|climb(?:ing)?|tourist|sightseeing|picnic|walk(?:ing)?\s+the\s+dog|with\s+(?:the\s+)?(?:dog|kids|friends|mates|lads|family|my\s+\w+)|waiting\s+for\s+(?:my|a|her|his)\s+(?:mate|friend|date|bf|gf|boyfriend|girlfriend|mum|mom|mam|dad|sister|brother|lift|ride|taxi|uber|bus)\b|meet(?:ing)?\s+(?:up\b|(?:my|a)\s+(?:mate|friend|date|bf|gf|boyfriend|girlfriend|mum|mom|dad|sister|brother|colleague)\b)|always\s+late|running\s+late|fishing|kayak|canoe|paddle|swim(?:ming)?\s+(?:lesson|club)|bbq|barbecue|party|drinks|bar\b|lunch|coffee|date\b|festival|fireworks|roofer|roofing|gutters?|tiles?|fix(?:ing)?|repair|train\s+(?:is\s+)?(?:late|delayed)|traffic|stuck\s+in|queue|lol|haha|😂)",
    ),
    # What is said at such a place when it is meant: "not going back down", "stopped
    # swimming", "shoes off", "toes over the edge", "just need to lean".
    Rule(
        r"\b(?:not|never)\s+(?:going|coming|climbing|walking|swimming)\s+(?:back\s+)?(?:down|back|home|inside|in|off)\b(?!\s+(?:to\s+(?:work|school|uni|that|him|her)|for\s+(?:christmas|the\s+holidays)))|\bnot\s+moving\s+(?:it|this\s+time|from\s+here)\b|\bstopped\s+swimming\b|\b(?:walking|wading|going)\s+(?:out|in)\s+now\b|\bi'm\s+going\s+in\b(?=\s*[.!]*\s*$)|\b(?:taking|took|taken)\s+(?:my\s+)?shoes\s+off\b|\bshoes\s+off\s*(?:[.,]|$)|\btoes\s+over\s+the\s+edge\b|\bfeet\s+(?:are\s+)?on\s+the\s+edge\b|\bone\s+foot\s+over\b|\bjust\s+need\s+to\s+(?:step\s+forward|lean|let\s+go|jump|step\s+off)\b(?!\s+(?:on|in|into|back|of))|\bgo(?:ing|nna|nna)?\s+(?:to\s+)?let\s+it\s+happen\b|\b(?:don't|dont)\s+(?:really\s+)?want\s+(?:to\s+get\s+)?out\b(?=\s*[.!]*\s*$)|\bnothing\s+(?:you|anyone|u)\s+can\s+do\b(?!\s+about)|\bwaiting\s+for\s+(?:them|it|the\s+(?:pills|tablets))\s+to\s+(?:work|kick\s+in)\b|\bfoam(?:ing)?\s+(?:in|at)\s+(?:my|the)\s+mouth\b",
        INTENT,
        weight=2.0,
        acute=True,
        needs_risk=True,
        cue_alone=True,
        benign=r"(?:game|match|film|movie|show|party|pub|club|work\s+tomorrow|holiday|beach\s+day|lol\s+jk|dentist|rabies|dog\b|horse|luck|interview|exam|appointment|meeting|surgery|op\b|shift\b|door\b|carpet|please|mosque|temple|lol|haha|😂|antidepressants?|ssri|on\s+week|weeks?\s+now|as\s+prescribed|still\s+waiting)",
    ),
    # A gun aimed at oneself; "took so many" / "tkn evrthng"; watching the blood; "whoever
    # finds me"; "goodnight forever"; "gone by the time you see it"; a final logout.
    Rule(
        r"\b(?:pointing|holding|put|pressing)\s+(?:it|the\s+gun|a\s+gun|the\s+barrel|the\s+rifle|the\s+shotgun)\s+(?:at|to|against|in)\s+my\s+(?:head|temple|chest|mouth)\b|\bfinger\s+(?:is\s+)?on\s+the\s+trigger\b|\b(?:gun|rifle|shotgun|pistol)(?:'s|\s+is)\s+loaded\s+and\s+(?:in\s+my\s+(?:lap|hand|mouth)|pointed)\b|\btook\s+(?:so|too|way\s+too)\s+many\b(?!\s+(?:photos|pics|pictures|selfies|shots|notes|screenshots|breaks|steps|classes|risks|days|naps|videos))|\btkn\s+ev(?:e)?r(?:y)?th(?:i)?ng\b|\bwatching\s+(?:it|them|my\s+\w+|the\s+cuts?)\s+bleed\b|\bif\s+i\s+fall\s+asleep\s+(?:now\s+)?i\s+(?:won't|wont|will\s+not)\s+wake\s+up\b(?=[^\n]{0,30}\b(?:that's\s+the\s+point|good|fine|i\s+hope|that's\s+ok)\b)",
        INTENT,
        weight=2.0,
        acute=True,
        benign=FICTION
        + r"|(?:fortnite|cod\b|warzone|paintball|airsoft|nerf|water\s+gun|laser\s+tag|glue\s+gun|staple\s+gun|nail\s+gun|hide\s+and\s+seek|keys|wallet|phone)",
    ),
    # Means named ready with a time or a place: "got dad's old .22 out of the shed", "the
    # gun's out of the cabinet", "the hose fits the exhaust, i checked", "the knot's done".
    Rule(
        r"\b(?:got|took|get|getting|taken)\s+(?:my\s+|dad'?s\s+|the\s+|his\s+|my\s+dad'?s\s+)?(?:old\s+)?(?:gun|rifle|shotgun|\.22|22|pistol)\s+out\b|\b(?:gun|rifle|shotgun)(?:'s|\s+is)\s+(?:out\s+of\s+the\s+(?:cabinet|safe)|loaded)\b|\bhose\s+(?:fits?|reaches|goes)\s+(?:on\s+|onto\s+|into\s+|over\s+)?the\s+exhaust\b|\b(?:noose|knot)'s\s+(?:done|tied|ready|made|up)\b|\b(?:plastic|exit)\s+bag\b[^\n]{0,20}\b(?:set\s+up|ready|on)\b",
        METHOD_MEANS,
        weight=2.0,
        benign=FICTION
        + r"|(?:hunting|range\b|clean(?:ing)?\s+(?:it|the)|rabbits?|foxes|pests?|deer|roos?|vermin|clay|season|licen[cs]e|scouts?|sailing|boat|climbing|fishing|shopping|lunch|packed)",
    ),
    # Farewells that leave no doubt, read whatever negation sits before them ("dont bother
    # replying ill be gone by the time you see it", "sorry to whoever finds me").
    Rule(
        r"\b(?:sorry\s+to\s+)?whoever\s+finds\s+(?:me|my\s+body)\b|\bgood\s?night\s+forever\b|\bi'?ll\s+be\s+gone\s+(?:by\s+the\s+time\s+(?:you|u)\s+(?:see|read)\s+(?:it|this)|before\s+(?:morning|sunrise|dawn))\b|\bfinal\s+(?:logout|log\s?off|sign\s?off|log\s+out)\b|\b(?:cheers|thanks|thank\s+you)\s+for\s+everything\b[^\n]{0,30}\b(?:i'?m\s+off\b(?!\s+(?:to|for|home|out|now\s+to|work|shopping))|cheerio|ta\s+ra)\b",
        INTENT,
        weight=2.0,
        acute=True,
        context=False,
        benign=r"(?:bed\b|sleep|night\b|flight|trip|holiday|shift|early\s+start|airport|train\s+to|bus\s+to|camping|fishing|see\s+(?:you|u|ya)|tomorrow|next\s+week|leaving\s+do|retir|last\s+day|new\s+job|moving|game|gaming|server|discord)",
    ),
    # More acts: walking into traffic, gas smelt and stayed in, tubing from a heater into a
    # closed tent, a harness taken off at height, cutting "along not across", everything
    # injected, "going to jump when i finish this drink".
    Rule(
        r"\b(?:walked|stepped|ran)\s+(?:out\s+)?into\s+(?:the\s+)?(?:traffic|oncoming\s+\w+)\b|\bsmells?\s+(?:like|of)\s+gas\b[^\n]{0,40}\b(?:lying|laying|sitting|staying|not\s+(?:moving|opening|leaving|getting\s+up))\b|\b(?:tubing|hose|pipe)\s+(?:from|off)\s+the\s+(?:heater|generator|exhaust|stove|bbq)\b(?=[^\n]*\b(?:tent|zipped|sealed|windows\s+up|doors?\s+(?:shut|closed))\b)|\b(?:safety\s+)?harness\s+(?:is\s+)?off\b(?=[^\n]*\b(?:up\s+here|scaffold\w*|roof|ledge|lift|floor|crane|tower)\b)|\balong\s+not\s+across\b|\binjected\s+(?:everything|all\s+of\s+(?:it|them)|the\s+whole)\b",
        INTENT,
        weight=2.0,
        acute=True,
        benign=r"(?:without\s+looking|by\s+accident|accidentally|oops|lol|haha|😂|phone|headphones|engineer|landlord|reported|national\s+grid|gas\s+board|opened\s+the\s+windows|vaccine|flu\s+jab)",
    ),
    Rule(
        r"\bstep\s+out\s+in\s+front\s+of\s+(?:the\s+|a\s+)?(?:next\s+)?(?:lorry|truck|bus|car|train|van)\b|\b(?:i'm|im|i\s+am)\s+going\s+to\s+jump\s+(?:when|once|after|as\s+soon\s+as)\b",
        INTENT,
        weight=2.0,
        benign=r"(?:pool|in\s+the\s+(?:pool|lake|sea)|trampoline|bungee|parachute|skydiv|shower|into\s+bed|queue|music|beat\s+drops|lol|haha|😂|puddle)",
    ),
    Rule(
        r"\b(?:going\s+to|gonna)\s+try\s+again\b",
        INTENT,
        weight=2.0,
        acute=True,
        needs_risk=True,
    ),
    Rule(
        r"\bfound\s+a\s+(?:good|strong|sturdy)\s+(?:branch|beam|tree)\b|\bmake\s+sure\s+(?:someone|somebody|you)\s+(?:feeds|walks|looks\s+after)\s+(?:the|my)\s+(?:cat|dog|pets?)\b",
        METHOD_MEANS,
        weight=1.0,
        benign=r"(?:climb|swing|treehouse|tree\s+house|walking\s+stick|stick|fire|carv|whittl|fetch|hammock|photo|away|holiday|weekend|trip|work|conference|hospital\s+for)",
    ),
    # Last words in chat form: "going to sleep forever now", "see ya never", "not bye for
    # now. just bye", "this was my last chat", "i'm finally free", "bye i guess", "love you
    # mum, sorry", "i won't be back": acute beside other risk, a warning sign alone.
    Rule(
        r"\bsleep\s+forever\s+now\b|\bgoing\s+to\s+sleep\s+(?:now\W+)?for\s+good\b|\bsee\s+(?:ya|you|u)\s+never\b|\bnot\s+bye\s+for\s+now\b|\bthis\s+(?:was|is)\s+my\s+last\s+(?:chat|conversation)\b|\bmy\s+last\s+words\s+(?:are|were|will\s+be)\b|\b(?:i'm|im|i\s+am)\s+(?:finally\s+)?free\s+now\b|\b(?:i'm|im|i\s+am)\s+finally\s+free\b|\bbye\s+i\s+guess\b|\blove\s+(?:you|u)\s+(?:mum|mom|dad|mam|all)\W+(?:i'?m\s+)?sorry\b|\bi\s+(?:won't|wont|will\s+not)\s+be\s+back\b(?=\s*[.!]*\s*$)|\b(?:don't|dont|do\s+not)\s+cry\s+for\s+me\b",
        INTENT,
        weight=2.0,
        acute=True,
        needs_risk=True,
        cue_alone=True,
        benign=r"(?:if\s+(?:you|u)|to\s+chat|call|for\s+a\b|to\s+talk|ring\s+me|meet|lunch|coffee|exams?\b|finished|holidays?|school'?s\s+out|term\b|uni\b|contract|divorce|summer|argentina|song|lyrics|tomorrow|later|next\s+week|soon)",
    ),
    # --- danger from others ----------------------------------------------------------------
    # A death threat by someone close: "he says he's going to kill me", "my brother said
    # he'll shoot me", "threatening to kill me", "said he'd kill us all". A kitchen idiom
    # ("mum's gonna kill me when she sees my report") is harmless company.
    Rule(
        rf"\b{THREAT_SUBJECT}\s+(?:\w+\s+){{0,3}}?(?:kill|murder|shoot|stab|strangle|slit|smash)\s+(?:me|us|my\s+head\s+in|my\s+face\s+in)\b|\bthreaten(?:ed|ing|s)?\s+(?:\w+\s+){{0,2}}?to\s+(?:kill|murder|shoot|stab|burn|strangle)\s+(?:me|us)\b|\b(?:burn|set\s+fire\s+to)\s+(?:the\s+|my\s+|our\s+)?(?:house|flat|place|home)(?:\s+down)?\s+with\s+(?:me|us)\s+in\s+it\b|\b(?:come|coming)\s+(?:to|and)\s+kill\s+(?:me|us)\b|\bstabbed\s+me\b|\bkill\s+us\s+(?:all|both)\b|\bshowed\s+me\s+(?:a|his|her|the)\s+(?:knife|gun|machete|blade)\b|\b(?:he's|she's|he\s+has|she\s+has|they've)\s+(?:got\s+me\s+)?(?:trapped|locked)\s+(?:me\s+)?in\s+(?:the|my|a)\s+(?:house|room|flat|car|bathroom)\b|\blocked\s+me\s+in\b",
        ABUSE_VIOLENCE,
        weight=2.0,
        benign=THREAT_OK,
    ),
    # --- danger to others ------------------------------------------------------------------
    # Intrusive or planned harm: "thoughts of hurting my baby", "thoughts of hurting the kids
    # who bully me", "thinking about taking my kids with me".
    Rule(
        r"\b(?:thoughts|urges?|images|intrusive\s+thoughts?)\s+(?:of|about)\s+(?:hurting|harming|killing|stabbing|drowning|smothering|shooting)\s+(?:my\s+|the\s+)?(?:\w+\s+)?(?:baby|son|daughter|kids?|children|child|partner|wife|husband|mum|mom|dad|him|her|them|people|someone|boy|girl|teacher|boss)\b|\b(?:thinking\s+(?:about|of)|going\s+to|want\s+to)\s+tak(?:e|ing)\s+(?:my|the)\s+(?:kids|children|son|daughter|baby)\s+with\s+me\b(?!\s+(?:to|on|for|when|shopping|camping|abroad))",
        HARM_TO_OTHERS,
        weight=2.0,
        benign=FICTION
        + r"|(?:holiday|trip|shopping|park|visit|moving|abroad|refuge|shelter|leav(?:e|ing)\s+(?:him|her)|divorce|custody)",
    ),
    # A wish to hurt someone with a weapon or knowledge of where they are: "i could kill him
    # ... i know his routine", "thought about hurting him real bad. i've got a bat in my car".
    Rule(
        r"\b(?:hurt(?:ing)?|stab(?:bing)?|kill(?:ing)?|shoot(?:ing)?|attack(?:ing)?|beat(?:ing)?\s+up)\s+(?:him|her|them|my\s+\w+|the\s+(?:\w+\s+)?(?:boy|girl|guy|man|woman|kids?|teacher|boss|people))\b(?=[^\n]{0,120}\b(?:knife|knives|gun|bat|machete|weapon|hammer|axe|knife\s+block|where\s+(?:he|she|they)\s+lives?|(?:thought|think|thinking)\s+about\s+how|(?:his|her|their)\s+routine|following\s+(?:him|her|them))\b)",
        HARM_TO_OTHERS,
        weight=2.0,
        benign=FICTION + "|" + LAUGH,
    ),
    # Someone bringing a weapon: "someone said they're bringing a gun on monday".
    Rule(
        r"\b(?:bring|bringing|brings)\s+(?:a|his|her|their|the|my)\s+(?:\w+'?s\s+)?(?:gun|knife|weapon|machete|bat)s?\s+(?:to\s+(?:school|class|college|work)|on\s+(?:monday|tuesday|wednesday|thursday|friday)|tomorrow)\b|\b(?:he|she|they|my\s+\w+)\s+(?:says|said|keeps\s+saying)\s+(?:he's|she's|they're|he\s+is|she\s+is)\s+going\s+to\s+kill\s+(?:our|my)\s+\w+",
        HARM_TO_OTHERS,
        weight=2.0,
        context=False,
        benign=FICTION
        + r"|(?:hunting|range|clay|shooting\s+club|fishing|camping|cooking|chef|kitchen|knife\s+skills)",
    ),
    # --- acts and goodbyes told in few words (issue 13: kinds the train misses showed) -------
    # At a height with the drop or the barrier named, whoever's "i'm" is left out: "on top of
    # the multi storey. theres no barrier on this side", "up on the dam wall. rails are low",
    # "standin on the parapet. level 7", "texting from the top of the tower block ... climbed
    # out". A view, a climb for sport or a job on a roof keeps it harmless.
    Rule(
        rf"\b(?:on|at|up\s+on|up|onto|on\s+top\s+of|at\s+the\s+top\s+of|top\s+of|from\s+the\s+top\s+of|out\s+onto)\s+(?:the\s+|a\s+|this\s+|my\s+)?(?:\w+\s+){{0,3}}{DROP_PLACE}\b(?=[^\n]{{0,120}}\b{EXPOSED})|\b{EXPOSED}(?=[^\n]{{0,80}}\b(?:on|at|up|of|off)\s+(?:the\s+|a\s+|this\s+)?(?:\w+\s+){{0,3}}{DROP_PLACE}\b)",
        INTENT,
        weight=2.0,
        acute=True,
        context=False,
        benign=HEIGHT_SAFE,
    ),
    # In deep or cold water and staying: "walked into the sea up to my chest", "in the pond
    # up to my waist", "tide's coming in and i'm staying put", "waves are big, i'm walking
    # out", "stopped swimming", "out on the ice, its cracking".
    Rule(
        rf"\b(?:in|into)\s+the\s+(?:\w+\s+){{0,3}}{DEEP_WATER}\b[^\n]{{0,40}}?\bup\s+to\s+my\s+(?:waist|chest|neck|chin|shoulders)\b|\bup\s+to\s+my\s+(?:chest|neck|chin|shoulders)\b(?=[^\n]{{0,60}}\b(?:cold|freezing|waves?|tide|sea|water|river))|\b(?:walked|walking|waded|wading)\s+(?:in|out|further\s+out|deeper)\b(?=[^\n]{{0,80}}\b(?:cold|freezing|waves?|tide|drowning|can't\s+feel|sorry))|\b(?:waves|water|sea|tide)\b[^\n]{{0,40}}?\b(?:i'm|im)\s+walking\s+(?:in|out)\b|\btide(?:'s|\s+is)\s+coming\s+in\b(?=[^\n]{{0,80}}\b(?:staying|stay|not\s+moving|no\s+plan|not\s+going\s+back|round\s+me|around\s+me))|\bstopped\s+swimming\b|\bout\s+on\s+the\s+ice\b(?=[^\n]{{0,60}}\bcrack)|\b(?:i'm|im|i\s+am)\s+drowning\s+i\s+think\b",
        INTENT,
        weight=2.0,
        acute=True,
        benign=WATER_SAFE,
    ),
    # A ligature in place, said in few words: "belt on the door handle. just need to lean",
    # "knotted the sheets to the bunk bed", "cable tied to the loft hatch", "neck's in it",
    # "standing on the bucket in the barn". Everyday ropes (a trailer, a boat, a tent) stay low.
    Rule(
        rf"\b(?:the\s+|my\s+|a\s+)?{CORD}(?:'s|\s+is|\s+are)?\s+(?:tied\s+|knotted\s+|looped\s+|hooked\s+|attached\s+)?(?:on|over|round|around|to|off\s+on|from)\s+(?:the\s+|my\s+)?(?:\w+\s+)?{ANCHOR}\b|\b(?:knotted|tied|looped|hooked|fixed)\s+(?:the\s+|my\s+|a\s+)?{CORD}\s+(?:\w+\s+)?(?:to|on|round|around|over|from)\s+(?:the\s+|my\s+)?(?:\w+\s+)?{ANCHOR}\b|\bneck(?:'s|\s+is)\s+in\s+(?:it|the\s+(?:loop|noose|knot))\b|\b(?:standing|stood|i'm|im)\s+(?:on\s+)?(?:on\s+)?(?:the|a|an|my)\s+(?:upturned\s+)?(?:bucket|chair|stool|crate|box)\b(?=[^\n]{{0,80}}\b(?:barn|beam|rope|cord|belt|noose|neck|loft|rafters?|kick|tied))|\bhanging\s+(?:\w+\s+){{0,2}}(?:off|from)\s+(?:my|the)\s+(?:\w+\s+)?{ANCHOR}\s+with\s+the\s+{CORD}\b",
        INTENT,
        weight=2.0,
        acute=True,
        benign=CORD_SAFE,
    ),
    # Bleeding that will not wait: "it's pumping", "it's spurting", "the cuts are to the bone",
    # "i've opened the vein", "sliced my arm open", "water turning red", "wrists are open".
    Rule(
        r"\b(?:it's|its|it\s+is|blood\s+is|blood's|cut\s+is|cut's|cuts\s+are|arm\s+is|wrist\s+is)\s+(?:\w+\s+)?(?:pumping|spurting|gushing|squirting|gaping)\b|\b(?:cuts?|gash|wound)\s+(?:are|is)\s+(?:so\s+|really\s+|proper\s+|too\s+|very\s+)?(?:deep|to\s+the\s+bone)\b|\bcuts?\s+(?:are|is)\s+to\s+the\s+bone|\b(?:opened|open|slit|cut)\s+(?:up\s+)?(?:the|a|my)\s+(?:vein|veins|artery|arteries)\b|\bsliced\s+(?:my\s+)?(?:arm|wrist|wrists|thigh|leg|neck|throat)\s+open\b|\bwater(?:'s|\s+is)?\s+(?:turning|going|gone)\s+red\b|\bwrists\s+are\s+open\b|\bcut\s+(?:my|both)\s+(?:\w+\s+)?(?:arms?|wrists?|thighs?)\s+(?:proper\s+|really\s+|so\s+|too\s+)?deep\b",
        INTENT,
        weight=2.0,
        acute=True,
        benign=BLEED_SAFE,
    ),
    # Fumes in a closed space: "the bbq's lit inside my car", "bbq's lit in the bedroom and the
    # door's taped", "hose is on" in a garage, "kitchen door taped, knobs turned on".
    Rule(
        r"\b(?:bbq|barbecue|barbie|charcoal|disposable\s+(?:bbq|barbecue|grill)|braai|coals?|grill)(?:'s|\s+is|\s+are)?\s+(?:lit|going|burning|on)\s+(?:\w+\s+){0,2}(?:inside|in)\s+(?:the\s+|my\s+)?(?:car|bedroom|room|tent|bathroom|flat|van|garage|cab)\b|\b(?:lit|burning|lighting)\s+(?:the\s+|a\s+)?(?:bbq|barbecue|charcoal|disposable\s+(?:bbq|grill)|coals)\s+(?:\w+\s+){0,2}(?:inside|in)\s+(?:the\s+|my\s+)?(?:car|bedroom|room|tent|bathroom|van|garage)\b|\bhose(?:'s|\s+is)\s+(?:on|in|connected|running)\b(?=[^\n]{0,80}\b(?:garage|car|exhaust|engine|window))|\bgarage\b[^\n]{0,40}?\bhose(?:'s|\s+is)\s+(?:on|in|connected|running)\b|\b(?:door|doors|windows?|vents?|gaps?)(?:'s|\s+is|\s+are)\s+(?:all\s+)?taped\b|\b(?:door|doors|windows?|vents?)\s+taped\b(?=[^\n]{0,60}\b(?:knobs|gas|hob|oven|bbq|charcoal|fumes|running))|\b(?:knobs|hobs?|gas)\s+(?:turned|are|is|all)\s+(?:on|up)\b(?=[^\n]{0,60}\b(?:not\s+lit|unlit|door|taped|sealed|windows?))|\bgas\s+oven\s+on\s+and\s+not\s+lit\b|\bkitchen\s+(?:is\s+)?sealed\b",
        INTENT,
        weight=2.0,
        acute=True,
        benign=r"(?:garden|outside|patio|balcony|yard|park|beach|camping\s+stove|burgers?|sausages?|marshmallows?|paint(?:ing)?|decorat|draught|draft|moving|boxes|watering|plants|lawn|car\s+wash|washing\s+the\s+car|paddling\s+pool|dog)",
    ),
    # A final goodbye: words of leaving together with what makes them final ("bye. its not
    # anyones fault", "logging off for the night. and every night after", "i'm leaving now.
    # love you mum" + "sorry i'm such a letdown", "farewell. please dont look for me"). A trip,
    # a move, a new job or a good night's sleep keep a goodbye everyday.
    Rule(
        rf"\b{FAREWELL}(?=[^\n]{{0,140}}\b{FINALITY})|\b{FINALITY}(?=[^\n]{{0,140}}\b{FAREWELL})",
        INTENT,
        weight=2.0,
        acute=True,
        context=False,
        benign=FAREWELL_SAFE,
    ),
    # Last words for someone named or close: "tell ruth i loved her", "if my sister ever finds
    # this: it wasn't you", "if my son ever reads this, dad loved you", "whoever finds it, i'm
    # sorry", "i hope the kids forgive me".
    Rule(
        r"\btell\s+(?:my\s+)?\w+\s+(?:that\s+)?(?:i\s+loved\s+(?:her|him|them)|it\s+(?:was|wasn't|wasnt|isn't|isnt)\s+(?:not\s+)?(?:her|his|their)\s+fault|i'?m\s+proud\s+of\s+(?:him|her|them))\b|\b(?:if|when)\s+my\s+\w+\s+(?:ever\s+)?(?:sees?|reads?|finds?)\s+this\b(?=[^\n]{0,80}\b(?:sorry|love|loved|fault|wasn't\s+you|it\s+was\s+never|proud|forgive))|\bwhoever\s+finds\s+(?:this|it|me)\b|\bhope\s+(?:the\s+kids|my\s+\w+)\s+(?:can\s+)?forgive\s+me\b",
        INTENT,
        weight=2.0,
        acute=True,
        context=False,
        benign=FICTION
        + "|"
        + LAUGH
        + r"|(?:lost\s+property|wallet|keys|phone\s+case|birthday|surprise|present|gift|forgot)",
    ),
    # Preparations in few words: paying everything off "so nobody's left with anything",
    # giving away what one cared for ("gave away all my gold and gear", "gave my switch and
    # all my games to my little brother"), asking someone to take the kids or the dog "for a
    # bit" that is not for a bit.
    Rule(
        r"\bpaid\s+(?:off|back)\s+(?:all\s+)?(?:of\s+)?(?:my\s+)?(?:debts?|credit\s+cards?|loans?|tab|overdraft|what\s+i\s+owe|everyone|everything)\b[^\n]{0,60}\b(?:so\s+(?:nobody|no\s+one|noone|no-one)|all\s+of\s+them|in\s+case|strange\s+feeling|(?:doesn't|don't|didn't)\s+know\s+why)|\bgave\s+away\s+(?:all\s+)?(?:of\s+)?my\b|\bgave\s+(?:all\s+)?(?:of\s+)?my\s+(?:\w+\s+){0,4}to\s+(?:my\s+)?(?:\w+\s+)?(?:brother|sister|mate|friend|cousin|neighbou?r|guild|team|the\s+charity\s+shop)\b(?=[^\n]{0,80}\b(?:confused|didn't\s+question|not\s+(?:riding|playing|using)|won't\s+need|thinks\s+i'?m|doesn't\s+know|anymore|for\s+good))|\b(?:asked|told)\s+my\s+\w+\s+to\s+(?:take|look\s+after|have|mind)\s+(?:the\s+kids|my\s+(?:kids|dog|cat|son|daughter))\b[^\n]{0,60}\b(?:doesn'?t|don'?t|didn'?t)\s+know\s+why|\bnot\s+for\s+a\s+bit\b|\bits\s+not\s+for\s+a\s+bit\b",
        PLAN,
        benign=r"(?:birthday|christmas|present|gift|outgrew|outgrown|grown\s+out|baby\s+(?:clothes|stuff|things)|old\s+(?:clothes|toys|baby)|due\s+in|pregnan|donat|upgrade|new\s+one|spring\s+clean|declutter|finally\s+debt\s+free|mortgage|celebrat|🎉|holiday|trip|work\s+trip|conference|hospital\s+for|operation|surgery|date\s+night|wedding|lol|haha|😂)",
    ),
    # A means put ready where the writer will use it: "the rope's in the boot", "the cord's
    # already in the wardrobe", "the stuff's already in the car", "got the belt", "i have the
    # stuff in my room", "just counted them out. 60". With a time it is high; with readiness
    # ("its all sorted") it is imminent.
    Rule(
        r"\b(?:the|my)\s+(?:rope|cord|belt|noose|ligature|tablets|pills|meds|knife|blade|razor|shotgun|gun|rifle|hose|tape|charcoal|stuff|sheet|bag)(?:'s|\s+is|\s+are|'re)\s+(?:already\s+|all\s+|now\s+)?(?:in\s+(?:the|my)\s+(?:boot|car|wardrobe|bag|room|drawer|ute|van|pocket|glovebox|shed)|ready|counted(?:\s+out)?|set\s+up|hidden|sharpened|under\s+my\s+(?:bed|pillow|mattress))\b|\b(?:have|got|i've\s+got)\s+the\s+(?:stuff|rope|belt|cord|noose)\s+(?:ready|in\s+my\s+(?:room|bag|car)|hidden)\b|^\s*got\s+the\s+(?:belt|rope|cord|noose)\b|\b(?:just\s+)?counted\s+(?:them|the\s+(?:pills|tablets))\s+out\b|\beverything(?:'s|\s+is)\s+in\s+the\s+(?:boot|car|bag|ute|van)\b",
        METHOD_MEANS,
        benign=CORD_SAFE
        + r"|(?:camping|festival|picnic|beach|groceries|shopping|luggage|suitcase|gym\s+(?:bag|kit)|football|school\s+(?:bag|stuff)|homework|laptop|tools|work\s+(?:stuff|kit)|as\s+prescribed|pharmacy|dosette|pill\s+organi[sz]er|for\s+the\s+week|nan|grandma|grandad|mum'?s\s+meds\s+for|not\s+near\s+me|away\s+from\s+me|so\s+i\s+(?:don't|can't|won't|cant|wont|dont)|locked\s+(?:up|away))",
    ),
    # Going to a place to fall, to the rail or the water, as a plan: "i'm driving to the gap",
    # "there's a bridge near my work. i'm going there after my shift", "going to the dam
    # tonight", "heading to the tracks behind the school", "on my way to the bridge".
    Rule(
        r"\b(?:going|go|heading|head|driving|drive|walking|walk|leaving|on\s+my\s+way|getting\s+the\s+bus)\s+(?:up\s+|out\s+|down\s+|back\s+)?(?:to|for)\s+the\s+(?:\w+\s+)?(?:roof|rooftop|bridge|dam|cliffs?|quarry|tracks|level\s+crossing|crossing|gap|pier|viewpoint|lookout|gorge|viaduct|overpass|multi-?\s?stor(?:e)?y|car\s*park\s+roof|top\s+floor)\b|\b(?:there's|theres|there\s+is)\s+a\s+(?:bridge|cliff|quarry|dam|viaduct|crossing)\s+(?:\w+\s+){0,3}(?:i'm|im|i\s+am|i'll|ill)\s+(?:going|driving|walking|heading)\s+there\b",
        METHOD_MEANS,
        benign=HEIGHT_SAFE
        + "|"
        + FICTION
        + r"|(?:walk(?:ing)?\s+the\s+dog|with\s+(?:my|the)\s+(?:mates|friends|kids|family|class|team|dog|partner|girlfriend|boyfriend)|fishing|swim(?:ming)?|jump(?:ing)?\s+(?:in|off)\s+with|commute|to\s+work|for\s+work|train\s+home|delayed|late\b|ticket|drinks|bar\b|restaurant|cafe|coffee|lunch|dinner|date\b|photos?|pics|shoot\b|run\b|running|cycling|bike\s+ride|jog|meet(?:ing)?\s+(?:up|someone|my|a))",
    ),
    # A train's time and the writer's place beside it: "the train passes my house at 11:52 and
    # i'll be on the line", "next train to pass the crossing is at 6:10. i'll be there", "the
    # last train is at 11:40. i'll be there", "walking to the level crossing now, the 9:15".
    Rule(
        r"\b(?:train|freight|express)(?:'s)?\s+(?:\w+\s+){0,5}(?:at|is\s+at)\s+\d{1,2}(?::\d\d)?\b[^\n]{0,60}\b(?:i'll|ill|i\s+will|i'm|im)\s+(?:be\s+)?(?:there|waiting|on\s+the\s+(?:line|tracks)|going|walking)\b|\b(?:walking|going|heading)\s+to\s+the\s+(?:level\s+crossing|tracks|crossing)\s+now\b",
        INTENT,
        weight=2.0,
        acute=True,
        benign=RAIL_OK_EXTRA,
    ),
    # Readiness in few words, next to a means or other risk of the writer's own: "its all
    # sorted", "all set up for tonight", "i have everything", "then thats it", "that's the
    # plan", "i won't be coming home", "no more". Alone it is nothing (homework is sorted too).
    Rule(
        r"\b(?:it'?s|its|it\s+is|everything'?s|everything\s+is)\s+(?:all\s+)?(?:sorted|planned|set|ready|in\s+place|set\s+up)\b|\ball\s+set\s+up\b|\b(?:i\s+have|i've\s+got|i\s+got)\s+everything\b|\bthen\s+(?:that'?s|thats)\s+it\b|\b(?:that'?s|thats)\s+(?:when|the\s+plan)\b|\bthis\s+is\s+the\s+plan\b|\b(?:won'?t|wont|will\s+not)\s+be\s+coming\s+(?:home|back)\b|\bno\s+more\s*[.!]*\s*$|\b(?:i'll|ill|i\s+will)\s+(?:\w+\s+){0,3}(?:and\s+)?not\s+stop\b",
        INTENT,
        weight=2.0,
        needs_risk=True,
    ),
)

# --- issue 13, third round: self-harm in chat words, and bare acts in a conversation -------

# The same words for a kitchen cut, a fall, a match, an op, a rabbit hole; an urge held off.
SH_CHAT_OK = (
    SH_OK
    + r"|(?:onions?|knife\s+slipped|slipped|fell|bike|skateboard|dog\s+bit|broken\s+glass|glass\s+broke|surgery|op\b|operation|dentist|tattoo|piercing|rabbit\s+hole|wiki|youtube|research|pool|deep\s+end|the\s+ocean|lake|finger|thumb|head\s+wound|stitches\s+out|vet\b|dog|cat|pet|album|song|film|movie|director|edit|remix|hair)"
    + r"|(?:haven't|havent|have\s+not|didn't|didnt|did\s+not|put\s+(?:it|them)\s+(?:away|down|back)|threw\s+(?:it|them)|in\s+the\s+bin|held\s+off|instead)"
)

RULES_EN_EXTRA = (
    *RULES_EN_EXTRA,
    # Current self-harm in chat words: "went too deep", "might need stitches", "new cuts",
    # "relapsed on sh", "got the blades out", "sh last night".
    Rule(
        r"\b(?:went|gone|cut|going)\s+(?:way\s+|a\s+bit\s+|too\s+)?too\s+deep\b|\bwent\s+too\s+deep\b|\b(?:might|may|prob(?:ably)?|def(?:initely)?|think\s+i|i)\s+(?:\w+\s+)?need\s+stitches\b|\b(?:new|fresh|deep|open)\s+(?:cuts|burns|wounds)\b|\bcuts\s+(?:are|r|is)\s+(?:\w+\s+)?(?:deep|bleeding|open|bad)\b|\brelapsed?\s+(?:on|with|into)\s+(?:sh|self\s*harm|the\s+blades?|cutting|burning)\b|\b(?:got|have|had|took|get|getting)\s+(?:the|my)\s+blades?\s+out\b|\bsh\s+(?:last\s+night|tonight|today)\b|\bbroke\s+my\s+(?:sh|self\s*harm|cutting|clean)\s+streak\b|\b(?:opening|reopening|re-opening|picking\s+at)\s+(?:the\s+|my\s+)?(?:old\s+)?(?:cuts|wounds|scabs)\b",
        SELF_HARM,
        benign=SH_CHAT_OK,
    ),
    # "i relapsed" alone: in a crisis chat most often self-harm, sometimes a drink or a drug;
    # a counselor should look, and the model judges.
    Rule(
        r"\b(?:i\s+)?relapsed\b|\bbroke\s+my\s+(?:\d+\s+(?:day|week|month)\s+)?(?:clean\s+)?streak\b",
        SELF_HARM,
        weight=0.5,
        benign=r"(?:rehab|sober|sobriety|smok\w*|vap\w*|cigs?|cigarettes?|sugar|diet|junk|chocolate|caffeine|coffee|nail|gaming|games?|duolingo|gym|workout|snap\w*|lol|haha|😂)",
    ),
    # Self-harm in the past: old scars, "i used to cut", "clean for 2 years".
    Rule(
        r"\b(?:old|faded)\s+(?:sh\s+|self\s*harm\s+|cutting\s+)?scars\b|\bi\s+used\s+to\s+(?:cut|sh|self\s*harm|burn)\b|\bclean\s+(?:for|from)\s+(?:\w+\s+){0,3}(?:sh|self\s*harm|cutting)\b|\b(?:sh|self\s*harm|cutting)\s+(?:free|clean)\s+for\b",
        PRIOR_ATTEMPT,
        supersede=True,
        context=False,
    ),
    # An act begun, told with what it is doing to the writer: "already started, feeling really
    # sleepy now", "just started and my arm won't stop bleeding".
    Rule(
        r"\b(?:already|just)\s+started\b(?=[^\n]{0,40}\b(?:sleepy|drowsy|woozy|dizzy|weird|numb|heavy|bleeding|blood|can'?t\s+breathe)\b)",
        INTENT,
        weight=2.0,
        acute=True,
        benign=FICTION
        + r"|(?:workout|gym|run\b|running|period|antibiotics|course|diet|meds?\s+(?:from|for)|doctor|gp|prescribed|shift|job|school|class|lol|haha)",
    ),
    # A bare act or a countdown on its own line: nothing alone, an act next to the writer's own
    # risk in the same conversation ("i want to kill myself" … "did it"; "i have the rope" …
    # "its tied"; "i want to die" … "30 mins").
    Rule(
        r"^\s*(?:i\s+)?(?:did|done|just\s+did)\s+it\s*[.!]*\s*$|^\s*(?:it'?s|its|it\s+is)\s+(?:done|tied|lit|running|happening|started)\s*[.!]*\s*$|^\s*(?:i'?m\s+|im\s+)?(?:doing|taking|drinking)\s+(?:it|them|em)\s+(?:now|rn)\s*[.!]*\s*$|^\s*(?:knot'?s|the\s+knot\s+is|rope'?s|the\s+rope\s+is)\s+(?:tied|up|ready)\s*[.!]*\s*$",
        INTENT,
        weight=2.0,
        acute=True,
        needs_risk=True,
    ),
    Rule(
        r"^\s*(?:in\s+|another\s+)?(?:\d+|five|ten|twenty|thirty)\s*(?:more\s+)?(?:mins?|minutes|hrs?|hours)(?:\s+(?:left|to\s+go|now))?\s*[.!]*\s*$",
        INTENT,
        weight=2.0,
        needs_risk=True,
    ),
    Rule(
        r"^\s*(?:in\s+|another\s+)?(?:\d+|five|ten|twenty|thirty)\s*(?:more\s+)?(?:mins?|minutes|hrs?|hours)(?:\s+(?:left|to\s+go|now))?\b",
        TIMEFRAME,
        context=False,
    ),
    # Charcoal or an exhaust in a closed space, told as what is happening ("zipped the tent
    # shut and lit the charcoal inside", "the exhaust is piped in"): an act in progress.
    Rule(
        r"\b(?:lit|lighting|burning|started)\s+(?:the|a|some|my|two|2)\s+(?:\w+\s+)?(?:charcoal|coals?|disposable\s+bbqs?|bbq|barbecue|briquettes?)\s+(?:\w+\s+){0,2}(?:inside|indoors|in\s+(?:the|my|here)\s+(?:tent|car|van|room|bedroom|bathroom|flat|cupboard|wardrobe))\b|\b(?:zipped|sealed|taped|shut|closed)\s+(?:the\s+|my\s+)?(?:tent|car|van|room|windows?|door)\s+(?:\w+\s+){0,3}(?:and\s+)?(?:lit|lighting|started)\s+(?:the|a|some)\s+(?:\w+\s+)?(?:charcoal|coals?|bbq|barbecue|briquettes?)\b|\b(?:exhaust|hose|pipe|tube)\s+(?:is\s+|'s\s+|are\s+)?(?:piped|taped|hooked|fed|run|running)\s+(?:in|into|through|up)\b",
        INTENT,
        weight=2.0,
        acute=True,
        benign=r"(?:mechanic|garage\s+(?:fixed|said)|mot\b|exhaust\s+(?:fumes\s+)?leak|dryer|washing\s+machine|aquarium|fish\s+tank|pond|hot\s*tub|brewing|vent(?:ed|ilat)|chimney|fireplace|stove|windows?\s+open|door\s+open|fire\s+alarm|smoke\s+alarm|lol|haha|😂)",
    ),
    # Going back to finish what was stopped ("got out of the canal soaked. going back in
    # properly this time"), with a place or a means in the message.
    Rule(
        r"\b(?:going|goin|gonna|will|i'll|ill)\s+(?:go\s+)?back\s+(?:in|into|out|up|there|to\s+(?:the|it))\b[^.!?\n]{0,30}?\b(?:properly|for\s+real|for\s+good|right)\s+this\s+time\b|\b(?:do|doing|finish|finishing)\s+it\s+(?:properly|right)\s+this\s+time\b",
        INTENT,
        weight=2.0,
        acute=True,
        context=False,  # "got out … going back in": the past is what makes it risk
        benign=r"(?:swim|lesson|exam|test|essay|homework|driving|parallel\s+park|recipe|cake|bake|paint|tattoo|game|level|boss|gym|workout|revision|interview|lol|haha|😂)",
    ),
    # Waiting for death to come, said flatly ("waiting to die", "just lying here waiting to
    # die"): a wish to be dead, at least.
    Rule(
        r"\b(?:waiting|wait|ready|prepared)\s+(?:here\s+)?to\s+(?:die|go|not\s+wake\s+up)\b(?!\s+(?:out|home|to\s+the|for\s+(?:the|a|my)|shopping|on\s+holiday))",
        PASSIVE_IDEATION,
        weight=1.5,
        benign=r"(?:game|film|movie|character|boss|show\b|queue|bus|train|airport|checkout|phone|battery|laptop|plant|lol|haha|😂)",
    ),
    # Affairs put in order and the pet rehomed, with "nothing left to sort" or "one less
    # thing": a preparation ("made sure the dog has a new home. so thats one less thing",
    # "cancelled my phone contract and the gym, sold the car. nothing left to sort").
    Rule(
        rf"\b(?:(?:found|got|made\s+sure)\s+(?:a\s+)?(?:new\s+)?(?:home|owner|family)s?\s+for\s+(?:my|the|our)\s+(?:\w+\s+)?{PET}|(?:my|the|our)\s+{PET}\s+(?:has|have|'s\s+got|got)\s+a\s+new\s+(?:home|owner|family)|rehomed\s+(?:my|the|our)\s+(?:\w+\s+)?{PET})\b(?=[^\n]{{0,80}}\b(?:one\s+less\s+thing|nothing\s+(?:left|else)|that's\s+(?:sorted|done|that)|thats\s+(?:sorted|done|that)|all\s+sorted|won't\s+need|wont\s+need|before\s+i\s+go|when\s+i'm\s+gone|after\s+i'm\s+gone|last\s+thing)\b)|\b(?:cancel(?:led|ed)|sold|closed|ended|paid\s+off|returned|gave\s+back)\b[^\n]{{0,80}}?\b(?:nothing|no\s+loose\s+ends)\s+(?:left\s+)?(?:left\s+)?(?:to\s+(?:sort|do|organi[sz]e|pay|tidy|cancel|return)|owing|outstanding)\b",
        PLAN,
        weight=2.0,
        benign=r"(?:moving|move\s+(?:abroad|house|out)|emigrat|new\s+job|relocat|travel|gap\s+year|holiday|allerg|landlord|baby|can't\s+afford|cant\s+afford|downsiz|declutter|retir|uni\b|university|lol|haha|😂)",
    ),
    # --- a fourth blind set: last words without a suicide word -----------------------------
    # A message that opens by calling itself the last one ("final msg. no hard feelings"),
    # unless it says what it is last before (bed, the exam, the battery).
    Rule(
        r"^\s*(?:(?:my|the|this\s+is\s+my|this\s+is\s+the)\s+)?(?:very\s+)?(?:final|last)\s+(?:msg|message|text|post|words)\b(?!\s+(?:of|for|from|before|b4|till|until|tonight|today|to\s+the\s+group|in\s+the\s+group|on\s+here\s+for))",
        INTENT,
        weight=2.0,
        acute=True,
        benign=FAREWELL_SAFE
        + r"|(?:before\s+(?:bed|sleep|i\s+sleep|work|school|class)|\bnight\b|\bgn\b|battery|signal|\bdata\b|credit|exam|shift)",
    ),
    # "you won't hear from me again", "this is the last you'll hear from me", "after
    # tonight you won't hear from me": a goodbye with nothing to come back to.
    Rule(
        r"\b(?:you|u|ya|anyone|anybody|nobody|no\s+one|you\s+all|yall)\s+(?:won't|wont|will\s+not|will\s+never|won't\s+ever|wont\s+ever)\s+(?:ever\s+)?(?:hear|have\s+to\s+hear)\s+from\s+me\s+(?:again|after\s+(?:tonight|today|this|now)|any\s?more|ever\s+again)\b|\b(?:this\s+is\s+)?the\s+last\s+(?:you'll|you\s+will|anyone\s+will|u\s+will|ull)\s+(?:ever\s+)?hear\s+(?:from|of)\s+me\b",
        INTENT,
        weight=2.0,
        acute=True,
        benign=FAREWELL_SAFE
        + r"|(?:camp|festival|retreat|detox|digital|no\s+(?:signal|wifi|reception)|offline\s+for|for\s+a\s+(?:few|couple|while|bit|week|month)|till|until|unless|if\s+you|exam|phone|battery|block(?:ed|ing)?\s+(?:you|u|this|your))",
    ),
    # What will be found: "she'll see it in the morning. by then it'll be over", "by the time
    # anyone reads this i'll be gone".
    Rule(
        r"\bby\s+(?:then|the\s+time\s+(?:\w+\s+){1,4}(?:see|sees|saw|read|reads|find|finds|wake|wakes|get|gets|come|comes|notice|notices|hear|hears|open|opens|check|checks|listen|listens)\b[^.!?\n]{0,25}?)\s*,?\s*(?:it'?ll|it\s+will|its|it's|i'?ll|i\s+will|i'?d|i\s+would)\s+(?:all\s+)?(?:be\s+(?:over|done|too\s+late|gone|dead|asleep\s+for\s+good)|have\s+(?:gone|done\s+it))\b",
        INTENT,
        weight=2.0,
        acute=True,
        benign=FICTION
        + r"|(?:exam|match|game|storm|surgery|op\b|operation|meeting|interview|party|holiday|flight|traffic|rain|hangover|queue|tax|deadline|semester|term)",
    ),
    # Thanks and then leaving for good: "cheers for listening lads. this is me done",
    # "appreciate you. im done", "bye world".
    Rule(
        r"\b(?:cheers|thanks|thank\s+(?:you|u)|thx|ty|appreciate\s+(?:you|u|it|ya))\b[^\n]{0,50}?\b(?:this\s+is\s+me\s+(?:done|out|off|signing\s+off|gone)(?!\s+(?:for|with|till|until))|(?:i'?m|im|i\s+am)\s+done\s*(?:[.!👋]|$)|(?:i'?m|im|i\s+am)\s+(?:out|gone)\s+(?:for\s+good|now\s+for\s+good))|\b(?:good\s?)?bye\s+(?:cruel\s+)?world\b",
        INTENT,
        weight=2.0,
        acute=True,
        benign=FAREWELL_SAFE
        + r"|(?:hello\s+world|code|coding|program|python|javascript|script|off\s+to\b|weekend|offline\s+for|detox|camping|for\s+a\s+(?:bit|while|few)|helped|better\s+now|feel\s+better|calmer|sleep|bed\b|venting|ranting|talking\s+for)",
    ),
    # Tablets counted or laid out: the act prepared and in sight ("meds r counted out").
    Rule(
        r"\b(?:pills|tablets|meds|medication|them|all\s+of\s+them|the\s+lot)\s+(?:are|r|is|all)?\s*(?:counted|lined|laid|set|sorted|spread)\s+out\b|\b(?:counted|lined|laid|set)\s+out\s+(?:all\s+)?(?:the\s+|my\s+)?(?:pills|tablets|meds)\b",
        PLAN,
        weight=2.0,
        benign=r"(?:pill\s+(?:box|organi[sz]er)|dosette|week'?s?\s+(?:meds|pills|tablets)|for\s+the\s+week|nan|grandma|grandad|mum'?s|dad'?s|patient|ward|nurse|carer|as\s+prescribed|prescribed|morning\s+and\s+night)",
    ),
    # Bought from several shops so nobody would notice: a stockpile hidden on purpose.
    Rule(
        r"\b(?:bought|got|picked\s+up|collected)\s+(?:\w+\s+){0,4}(?:from|at|in|across)\s+(?:different|several|separate|a\s+few|(?:two|three|four|five|six|\d+)\s+(?:different\s+)?)\s*(?:chemists?|pharmac(?:y|ies)|shops|stores|supermarkets|places)\b",
        PLAN,
        weight=2.0,
        benign=CONCEALED_SAFE,
    ),
    # ... and hidden on purpose ("so nobody would clock it"): next to the means, a decision.
    Rule(
        r"\bso\s+(?:nobody|no\s+one|noone|they|the\s+(?:pharmacist|chemist|shop))\s+(?:would|wouldn't|wouldnt|will|won't|could|couldn't)\s+(?:notice|clock|ask|suspect|get\s+suspicious|twig|know|stop\s+me)\b",
        INTENT,
        weight=2.0,
        needs_risk=True,
        benign=CONCEALED_SAFE,
    ),
    # A time when nobody is up yet ("early tomorrow before anyones up"): the writer chose
    # to be alone; next to a means or a plan, a decision.
    Rule(
        r"\bbefore\s+(?:any(?:one|body)|every(?:one|body)|the\s+(?:others|house|kids)|my\s+\w+|they|he|she)(?:'s|\s+is|'re|\s+are|s)?\s+(?:up|awake|wakes?\s+up|get\s+up|gets\s+up|home|back)\b|\bwhile\s+(?:every(?:one|body)|they|the\s+house|the\s+kids|my\s+\w+)(?:'s|\s+is|'re|\s+are)?\s+(?:asleep|sleeping|out|away|at\s+work)\b",
        INTENT,
        weight=2.0,
        needs_risk=True,
        benign=r"(?:surprise|present|gift|cake|breakfast|run\b|jog|gym|swim|walk|study|revise|shower|tidy|clean|sneak\s+(?:out|in)|party|game|play|read|work\s+on|bake|cook|wrap)",
    ),
    # --- acts in the first development set's words ---------------------------------------
    # Insulin or a blister pack used up, told by what is left ("the insulin pen is empty, i
    # put all of it in", "blister packs all popped, 48 little empty holes").
    Rule(
        r"\b(?:put|injected|pushed|used|emptied|did)\s+(?:all|the\s+whole|every\s+(?:unit|drop))\s+(?:of\s+)?(?:the\s+pen|my\s+pen|the\s+insulin|my\s+insulin|insulin)\b|\binsulin\s+pen\s+(?:is|'s)\s+(?:empty|done)\b[^\n]{0,40}\b(?:all\s+of\s+it|the\s+whole|every)\b|\b(?:blister\s+packs?|strips|packets)\s+(?:are\s+|r\s+)?all\s+(?:popped|empty|emptied)\b|\b\d{2,}\s+(?:little\s+)?empty\s+(?:holes|blisters|pockets)\b",
        INTENT,
        weight=2.0,
        acute=True,
        benign=r"(?:new\s+(?:insulin\s+)?pen|refill|pharmacy|prescription|collect|re-?order|ran\s+out|run\s+out|spare|recycl|bin\b|craft|vitamins?|gum|bubble\s+wrap|packaging|advent|lol|haha|😂)",
    ),
    # A drug named, then how many already taken ("stole my nans oxy. already had 12").
    Rule(
        rf"\b{DRUGS}\b[^\n]{{0,40}}?\b(?:already\s+)?(?:had|took|taken|swallowed|necked|downed)\s+(?:like\s+|about\s+|maybe\s+|over\s+)?(?:[1-9]\d|twenty|thirty|forty|fifty|a\s+dozen)\b(?!\s*(?:mg|mcg|ml|g\b|years?|yrs?|days?|weeks?|months?|hours?|hrs?|mins?|minutes?|%|am|pm|o'?clock|times))",
        INTENT,
        weight=2.0,
        acute=True,
        benign=r"(?:as\s+prescribed|prescribed|over\s+(?:the\s+)?(?:week|month|year)|a\s+day|per\s+day|daily|course|antibiotics|vitamins?|sweets|gummies)",
    ),
    # Standing at a parapet or ledge "already" or "now" (without "i'm": "I standing at the
    # corridor parapet already, 12th storey").
    Rule(
        r"\b(?:standing|sitting|stood|sat|climbed\s+(?:onto|over|up\s+on))\s+(?:\w+\s+){0,2}(?:at|on|over)\s+(?:the\s+)?(?:\w+\s+)?(?:parapet|ledge|railing|railings)\b(?=[^.!?\n]{0,25}\b(?:already|now|rn|right\s+now)\b)",
        INTENT,
        weight=2.0,
        acute=True,
        benign=HEIGHT_OK,
    ),
    # A gun loaded and at hand ("shotguns loaded and across my knees", "the guns cleaned and
    # loaded. when the wife goes out"): a decision in the making; with a time, imminent.
    Rule(
        r"\b(?:gun|guns|shotgun|shotguns|rifle|rifles|pistol|revolver|firearm)(?:'s|\s+is|\s+are|\s+r|s)?\s+(?:\w+\s+){0,3}?(?:loaded|cocked|in\s+my\s+(?:hand|hands|mouth|lap)|across\s+my\s+(?:knees|lap)|against\s+my\s+(?:head|chin|chest))\b|\bloaded\s+(?:the|my|dad'?s|his)\s+(?:gun|shotgun|rifle|pistol|revolver)\b",
        INTENT,
        weight=2.0,
        benign=r"(?:hunt|rabbits?|range|clays?|pigeons?|season|deer|vermin|fox(?:es)?|licen[cs]e|club|game\b|games|airsoft|paintball|nerf|water\s+gun|film|movie|fortnite|cod\b|call\s+of\s+duty|lol|haha|😂)",
    ),
    # In front of a train or a bus on purpose ("gonna walk in front of the 7:40 tomorrow").
    Rule(
        r"\b(?:walk|step|jump|throw\s+myself|lie\s+down)\s+(?:out\s+)?in\s+front\s+of\s+(?:the|a|an)\s+(?:\w+\s+)?(?:train|bus|lorry|truck|tram|\d{1,2}[:.]\d{2})\b",
        INTENT,
        weight=2.0,
        benign=r"(?:almost|nearly|accident|didn'?t\s+see|wasn'?t\s+looking|careful|lol|haha|😂|kids?\s+(?:keep|always)|dog)",
    ),
    # Good night for ever ("love u all. gn forever").
    Rule(
        r"\b(?:gn|good\s?night|goodnite|nite|night\s+night|nighty\s+night|sleep\s+tight)\s+(?:forever|for\s+good|for\s+ever|eternally)\b",
        INTENT,
        weight=2.0,
        acute=True,
        benign=FICTION + "|" + LAUGH,
    ),
    # --- a fourth blind set's remaining kinds ------------------------------------------
    # A strap or rope tied off, the writer up a ladder or on a chair ("up the ladder in the
    # workshop with the tow strap tied off").
    Rule(
        r"\b(?:up\s+(?:the|a)\s+ladder|on\s+(?:the|a)\s+(?:chair|stool|step\s?ladder|bucket))\b[^.!?\n]{0,50}\b(?:strap|rope|cord|belt|cable|lead)\s+(?:\w+\s+){0,2}(?:tied|tied\s+off|secured|fixed|round\s+my\s+neck)\b|\b(?:strap|rope|cord|belt|cable)\s+(?:is\s+)?(?:tied\s+off|tied\s+to\s+the\s+(?:beam|rafter|joist))\b[^.!?\n]{0,40}\b(?:ladder|chair|stool)\b",
        INTENT,
        weight=2.0,
        acute=True,
        benign=r"(?:load|trailer|roof\s+rack|tarp|kayak|boat|van|truck\s+bed|tree\s+house|swing|hammock|christmas|lights|decorations?|painting|decorating|guttering|gutters|shelf|shelves|loft\s+insulation|lol|haha|😂)",
    ),
    # One last time before going ("just needed to hear from an actual human one more time
    # before i go").
    Rule(
        r"\bone\s+(?:more|last)\s+time\s+before\s+i\s+(?:go|leave|do\s+it|end\s+it)\b",
        INTENT,
        weight=2.0,
        acute=True,
        benign=FAREWELL_SAFE
        + r"|(?:holiday|trip|abroad|deploy|uni|move|moving|surgery|op\b|hospital|rehab|prison|court|lol|haha)",
    ),
    # Love and "sorry for everything" to the family in one breath: a last message.
    Rule(
        r"\blove\s+(?:you|u|ya)\s+(?:all\s+|both\s+|so\s+much\s+)?(?:mum|mom|mam|dad|mum\s+and\s+dad|mom\s+and\s+dad|everyone|guys|all)\b[^\n]{0,40}\bsorry\s+for\s+(?:everything|all\s+of\s+it|all\s+this|what\s+i'm\s+about\s+to)\b|\bsorry\s+for\s+(?:everything|what\s+i'm\s+about\s+to\s+do)\b[^\n]{0,30}\blove\s+(?:you|u|ya)\s+(?:all|mum|mom|dad|everyone|both)\b",
        INTENT,
        weight=2.0,
        acute=True,
        benign=FAREWELL_SAFE
        + r"|(?:argument|row|fight|shouting|slammed|earlier|last\s+night|drunk|hangover|lol|haha)",
    ),
    # Everything ready and a time when nobody will be about ("2am. after my flatmates get
    # back from the club and pass out. everythings ready").
    Rule(
        r"^(?=[^\n]*\b(?:pass\s+out|passed\s+out|asleep|sleeping|gone\s+to\s+bed|go\s+to\s+bed|goes\s+to\s+bed|house\s+is\s+(?:quiet|empty)|nobody(?:'s|\s+is)\s+(?:home|around|up)|[1-4]\s*am)\b)[^\n]{0,200}?\b(?:everything(?:'s|s|\s+is)?|it'?s\s+all|its\s+all)\s+(?:ready|sorted|set|in\s+place|planned|prepared)\b",
        INTENT,
        weight=2.0,
        acute=True,
        benign=r"(?:party|trip|holiday|surprise|cake|presents?|gifts?|santa|stockings?|tooth\s+fairy|breakfast|lunch|school|uniform|bags?|packed|flight|wedding|exam|move|moving|interview|presentation|christmas|birthday|baby|nursery|essay|revision|lol|haha)",
    ),
    # Knowing what was taken will not wear off ("i know what i took wont wear off by
    # morning").
    Rule(
        r"\b(?:what|whatever|the\s+stuff|everything)\s+i\s+(?:took|had|swallowed|injected|drank)\s+(?:won'?t|wont|will\s+not|isn'?t\s+going\s+to|is\s+not\s+going\s+to)\s+(?:wear\s+off|go\s+away|stop)\b",
        INTENT,
        weight=2.0,
        acute=True,
        benign=r"(?:hangover|coffee|caffeine|energy\s+drink|espresso|edible|antihistamine|allerg|lol|haha)",
    ),
    # On the way to someone with a weapon ("driving round to his house now with the
    # crowbar").
    Rule(
        r"\b(?:driving|going|heading|walking|on\s+my\s+way)\s+(?:round|over|back)?\s*to\s+(?:his|her|their|my\s+ex'?s|the\s+\w+'?s)\s+(?:house|place|flat|work|school)\b[^\n]{0,20}\bwith\s+(?:a|the|my|his)\s+(?:crowbar|knife|bat|baseball\s+bat|hammer|gun|machete|axe|blade|petrol)\b",
        HARM_TO_OTHERS,
        weight=2.0,
        benign=r"(?:return(?:ing)?|give\s+(?:it|them)\s+back|borrowed|lend|fix|repair|tools?\s+back|game|film|lol|haha)",
    ),
    # --- a fifth blind set's kinds --------------------------------------------------------
    # An attempt that failed minutes ago, told by what broke ("tried to hang myself and it
    # snapped"), and an ambulance refused after harm.
    Rule(
        r"\btried\s+to\s+(?:hang|kill|strangle|drown|gas)\s+myself\b[^.!?\n]{0,25}\b(?:and|but)\s+(?:it|the\s+\w+)\s+(?:snapped|broke|came\s+(?:loose|undone)|gave\s+way|didn'?t\s+work)\b",
        INTENT,
        weight=2.0,
        acute=True,
    ),
    Rule(
        r"\b(?:don'?t|dont|do\s+not)\s+(?:want|need)\s+(?:an?\s+)?ambulance\b|\b(?:don'?t|dont|do\s+not)\s+call\s+(?:an?\s+)?ambulance\b",
        INTENT,
        weight=2.0,
        acute=True,
        needs_risk=True,
        cue_alone=True,
    ),
    # Last words in the third person or to the dead: "tell her her dad loved her more than
    # anything", "i am going to my family who died", "no more messages after this".
    Rule(
        r"\b(?:her|his|their)\s+(?:dad|mum|mom|father|mother|papa|mama|daddy|mummy|mommy)\s+loved\s+(?:her|him|them)\b|\bgoing\s+to\s+(?:be\s+with\s+|see\s+|join\s+|meet\s+)?(?:my\s+)?(?:\w+\s+){0,2}(?:who\s+(?:died|passed|are\s+dead|is\s+dead)|in\s+heaven|on\s+the\s+other\s+side)\b|\bno\s+more\s+(?:messages|texts|msgs|replies)\s+(?:from\s+me\s+)?after\s+this\b",
        INTENT,
        weight=2.0,
        acute=True,
        benign=FAREWELL_SAFE
        + r"|(?:battery|phone\s+(?:is\s+)?(?:dying|on\s+\d)|\d+\s*%|data|credit|signal|grave|cemetery|visit|flowers|anniversary|memorial|church|mass|service)",
        context=False,  # "her dad loved her" is the writer speaking of themself
    ),
    # Up the tallest building, and flying from a roof ("going up the tallest building first
    # thing tomorrow", "i can fly, going up to the roof right now").
    Rule(
        r"\b(?:going|heading|climbing|walking|getting)\s+up\s+(?:to\s+)?(?:the\s+)?(?:tallest|highest|top\s+of\s+the|roof\s+of\s+the)\s+(?:\w+\s+)?(?:building|tower|car\s?park|bridge|block|flats|cliff)\b",
        INTENT,
        weight=2.0,
        benign=HEIGHT_OK,
    ),
    Rule(
        r"\bi\s+(?:can|could)\s+(?:actually\s+|really\s+)?fly\b[^\n]{0,60}\b(?:roof|building|balcony|window|bridge|ledge|jump|off\s+the)\b",
        INTENT,
        weight=2.0,
        acute=True,
        benign=r"(?:game|dream|plane|lesson|kite|drone|simulator|paraglid|hang\s?glid|skydiv|lol|haha|😂)",
    ),
    # --- a sixth blind set's kinds --------------------------------------------------------
    # A barbecue or a heater brought into a tent, a car or a room and the door shut.
    Rule(
        r"\b(?:brought|took|put|carried|moved|got)\s+(?:the|a|my|two|2)\s+(?:\w+\s+)?(?:charcoal|coals?|disposable\s+bbqs?|bbq|barbecue|briquettes?|generator|gas\s+heater|camping\s+stove)\s+(?:\w+\s+){0,2}(?:into|inside|in)\s+(?:the|my)\s+(?:tent|car|van|room|bedroom|bathroom|caravan|cabin)\b[^.!?\n]{0,40}\b(?:zipped|sealed|taped|shut|closed)\b",
        INTENT,
        weight=2.0,
        acute=True,
        benign=r"(?:windows?\s+open|door\s+open|porch|awning|ventilat|vent\b|carbon\s+monoxide\s+alarm|co\s+alarm|lol|haha)",
    ),
    # At the top of a tall structure, said as where the writer is ("at the top of the
    # headframe at the mine").
    Rule(
        rf"\b(?:at|on)\s+the\s+(?:very\s+)?top\s+of\s+(?:the|a|this)\s+(?:\w+\s+)?(?:{HIGH_PLACE}|headframe|crane|scaffold(?:ing)?|silo|pylon|mast|water\s+tower)\b",
        METHOD_MEANS,
        # Not HEIGHT_OK: its "climbing" is the sport, and "not climbing back down" is the risk.
        benign=r"(?:view|sunset|sunrise|selfie|photos?|pics|tourist|sightseeing|fireworks|picnic|lunch|coffee|fix|fixing|repair|inspect|maintenance|shift|for\s+work|at\s+work|job\b|harness|rope\s+access|tiles?|gutters?|solar|aerial|all\s+day|lol|haha)",
    ),
    # Going to kill (said with "go"), and the means all there ("gonna go unalive tn, stuff's
    # all here").
    Rule(
        r"\b(?:going\s+to|gonna|about\s+to)\s+go\s+kill\b(?!\s*(?:him|her|them|you|it|the|a|an|some|every|people|time|zombies?|bugs?|spiders?|\w+'s|\w+s)\b)",
        ACTIVE_IDEATION,
        weight=2.0,
        benign=FICTION + "|" + LAUGH,
    ),
    Rule(
        r"\b(?:the\s+)?(?:stuff|everything|it\s+all|all\s+the\s+stuff|all\s+of\s+it)(?:'s|s|\s+is)?\s+(?:all\s+)?(?:here|with\s+me|in\s+my\s+bag|in\s+front\s+of\s+me|laid\s+out)\b",
        METHOD_MEANS,
        needs_risk=True,
    ),
    # The boat not brought back, things finished at an hour ("not bringing her back in",
    # "finishing things at 0500"), everything set up for when the children sleep.
    Rule(
        r"\bnot\s+(?:bringing|taking|sailing|rowing|driving)\s+(?:her|it|the\s+boat|the\s+car|myself)\s+back\b(?!\s+(?:till|until|tonight|for\s+the\s+winter|to\s+the\s+(?:marina|mooring|harbour|harbor)))",
        INTENT,
        weight=2.0,
        context=False,  # "back" is not the past here
        benign=r"(?:sell|sold|selling|mooring|marina|dry\s+dock|harbour\s+master|insurance|broke\s+down|borrowed|lol|haha)",
    ),
    Rule(
        r"\b(?:finish(?:ing)?|end(?:ing)?)\s+(?:things|it\s+all|everything)\s+(?:at\s+\d{1,4}\b|tonight|tomorrow|by\s+(?:morning|dawn)|on\s+(?:mon|tues|wednes|thurs|fri|satur|sun)day)",
        INTENT,
        weight=2.0,
        acute=True,
        benign=r"(?:work|office|project|report|essay|shift|packing|house|move|moving|renovation|decorating|garden|list|lol|haha)",
    ),
    Rule(
        r"\b(?:got|have|i've\s+got)\s+(?:it|everything)\s+(?:all\s+)?set\s+up\b[^\n]{0,60}\b(?:asleep|sleeping|in\s+bed|gone\s+to\s+bed|gone\s+out|at\s+work)\b",
        INTENT,
        weight=2.0,
        acute=True,
        benign=r"(?:party|surprise|presents?|gifts?|santa|stockings?|tooth\s+fairy|birthday|christmas|game|console|film|movie|tv|xbox|playstation|ps5|bbq|tent|treasure\s+hunt|lol|haha)",
    ),
    # A goodbye that says "or ever" ("wont be on tmrw or ever lol"), the laugh not undoing it.
    Rule(
        r"\b(?:won'?t|wont|will\s+not|not\s+going\s+to)\s+be\s+(?:on|online|here|around|back)\s+(?:tomorrow|tmrw|tmr|again)\s+or\s+ever\b",
        INTENT,
        weight=2.0,
        acute=True,
        benign=r"(?:exam|ban(?:ned)?\b|break\b|detox|holiday|rehab|deploy|camp|gcse|a\s+levels?)",
    ),
    # A threat on its way with a weapon ("my ex just texted hes coming over with a gun").
    Rule(
        r"\b(?:he|she|they|my\s+\w+)(?:'s|'re|s|\s+is|\s+are)?\s+(?:\w+\s+)?(?:coming|on\s+(?:his|her|their)\s+way)\s+(?:over\s+|round\s+|here\s+|for\s+me\s+)?with\s+(?:a|the|his|her|their)\s+(?:gun|knife|bat|machete|axe|hammer|crowbar)\b",
        ABUSE_VIOLENCE,
        weight=2.0,
        context=False,  # the threat is against the writer, told in the third person
        benign=FICTION + r"|(?:to\s+fix|to\s+help|building|shed|fence|hunting|range|lol|haha)",
    ),
    # --- a seventh blind set's kinds ----------------------------------------------------
    # Someone close in danger now, in the writer's words ("found my flatmate passed out with
    # empty pill packets", "my son has locked himself in the bathroom with a knife", "my gf
    # is on the bridge rn saying she's jumping"): their act, so high and flagged as theirs.
    Rule(
        r"\b(?:my|our)\s+(?:\w+\s+)?(?:son|daughter|friend|best\s+friend|mate|flatmate|roommate|housemate|brother|sister|mum|mom|dad|husband|wife|partner|bf|gf|boyfriend|girlfriend|kid|child|cousin|nan|grandad|grandma|student)\b[^.!?\n]{0,40}?\b(?:passed\s+out|unconscious|not\s+breathing|won'?t\s+wake|locked\s+(?:himself|herself|themself|themselves)\s+in\b[^.!?\n]{0,30}\bwith\s+a\s+(?:knife|blade|rope|gun)|on\s+the\s+(?:bridge|roof|ledge|edge|tracks)\b[^.!?\n]{0,30}\b(?:jumping|jump|going\s+to\s+jump))\b",
        CONCERN_FOR_OTHER,
        acute=True,
        context=False,
        benign=FICTION
        + r"|(?:drunk|pissed|wasted|hangover|party|asleep\s+on\s+the\s+sofa|nap|tired|after\s+work|fainted\s+at|blood\s+test|bungee|photos?|view|fishing|diving|lol|haha)",
    ),
    # Last words in few words: "didnt want to go without telling someone", "last night on
    # earth", "tell my kids their dad was proud of them", "u'll all be better without me
    # after tonight".
    Rule(
        r"\b(?:didn'?t|did\s+not|don'?t|do\s+not)\s+want\s+to\s+go\s+without\s+(?:telling|saying\s+(?:bye|goodbye)\s+to|talking\s+to)\s+(?:someone|somebody|anyone|you)\b|\b(?:my\s+)?last\s+(?:night|day)\s+on\s+(?:earth|this\s+earth|the\s+planet)\b|\b(?:their|his|her)\s+(?:dad|mum|mom|father|mother)\s+(?:was\s+)?(?:proud\s+of|loved)\s+(?:them|him|her)\b|\b(?:better|happier|fine)\s+(?:off\s+)?without\s+me\s+after\s+(?:tonight|today|this)\b",
        INTENT,
        weight=2.0,
        acute=True,
        context=False,
        benign=FICTION
        + r"|(?:holiday|trip|abroad|deploy|moving|move\s+to|festival|film|movie|song|lol|haha)",
    ),
    # A ligature set up and a wait for the others to go ("chair and cord are set up. just
    # waiting for everyone to go out for dinner").
    Rule(
        r"\b(?:chair|stool|cord|rope|belt|noose|ligature)\s+(?:and\s+(?:the\s+)?(?:chair|stool|cord|rope|belt)\s+)?(?:are|is|'s|'re)\s+(?:all\s+)?(?:set\s+up|ready|in\s+place|tied|up)\b",
        PLAN,
        weight=2.0,
        benign=r"(?:party|decorations?|lights|christmas|washing|tent|camp|gym|climbing|boat|swing|hammock|trailer|load|lol|haha)",
    ),
    Rule(
        r"\bjust\s+waiting\s+for\s+(?:every(?:one|body)|them|the\s+(?:kids|others|house)|my\s+\w+)\s+to\s+(?:go\s+out|leave|fall\s+asleep|go\s+to\s+(?:bed|sleep|work)|be\s+asleep)\b",
        TIMEFRAME,
        context=False,
    ),
    # Research with a time ("how long does it take to pass out in a closed car with the
    # engine running? need to know for tonight").
    Rule(
        r"\bhow\s+long\s+(?:does|would|will)\s+it\s+take\s+to\s+(?:pass\s+out|die|go|stop\s+breathing|bleed\s+out|lose\s+consciousness)\b",
        PLAN,
        weight=2.0,
        benign=r"(?:first\s+aid|course|nursing|exam|essay|film|movie|book|podcast|documentary|cpr|lifeguard)",
    ),
    # --- a black-box review's kinds ---------------------------------------------------
    # A decision to kill oneself in so many words, and the hour it is for ("I am going to
    # kill myself in the next hour", "gonna kms in like an hour", "im ODing rn", "i die
    # tonight", "today's the day i die", "last day alive").
    Rule(
        r"\b(?:i'?m\s+|im\s+|i\s+am\s+)?(?:going\s+to|gonna|about\s+to)\s+(?:kill\s+myself|end\s+my\s+(?:own\s+)?life|take\s+my\s+(?:own\s+)?life)\b",
        INTENT,
        weight=2.0,
        benign=FICTION + "|" + LAUGH,
    ),
    Rule(
        r"\bin\s+the\s+next\s+(?:hour|few\s+hours|couple\s+of\s+hours|\d+\s+(?:minutes?|mins?|hours?|hrs?))\b|\bwithin\s+(?:the|an)\s+hour\b|\bin\s+like\s+an?\s+(?:hour|minute|min)\b",
        TIMEFRAME,
        context=False,
    ),
    Rule(
        r"\b(?:i'?m|im|i\s+am)\s+(?:currently\s+)?(?:od'?ing|overdosing)\b|\b(?:^|i\s+|i'?m\s+|im\s+)(?:dying|die|going\s+to\s+die|gonna\s+die|will\s+die)\s+(?:tonight|today|tomorrow|in\s+(?:an?|\d+)\s+(?:hour|hours|minutes?|mins?))\b|\btoday(?:'s|\s+is)\s+the\s+day\s+i\s+die\b|\b(?:my\s+)?last\s+day\s+(?:alive|on\s+earth|of\s+my\s+life)\b",
        INTENT,
        weight=2.0,
        acute=True,
        benign=FICTION
        + "|"
        + LAUGH
        + r"|(?:of\s+(?:laughter|embarrassment|boredom|cringe|heat)|laughing|inside|hunger|hungry|for\s+(?:a|some|the)|to\s+(?:see|know|try|go)|phone|battery|plant|hair|game|character|boss|level|exam|test|workout|gym|leg\s+day|of\s+(?:the|my)\s+(?:holiday|trip|course|placement|internship|job))",
    ),
    # Too much taken, told by how it feels or how long is left ("i dont think ill make it
    # till morning, took too much", "feel so floaty now, wont be long"); shorthand counts
    # ("tylenol x50", "50 tylenol down", "down 30 xanax"); going back after being stopped.
    Rule(
        r"\b(?:took|taken|had|swallowed|drank|injected)\s+(?:way\s+)?too\s+(?:much|many)\b(?!\s+(?:coffee|caffeine|sugar|food|pizza|cake|sweets|candy|chocolate|time|sun|notes|photos|pictures|classes|shifts|on|of\s+(?:my|the)\s+(?:time|money)))|\b(?:don'?t|dont|do\s+not)\s+think\s+(?:i'?ll|ill|i\s+will|i'?m\s+going\s+to)\s+(?:make\s+it|last|be\s+(?:here|alive|around))\s+(?:till|until|to|through|past)\s+(?:the\s+)?(?:morning|tonight|tomorrow|midnight)\b|\b(?:won'?t|wont)\s+be\s+long\s+now\b|\b(?:floaty|fading|drifting\s+off|going\s+numb|so\s+cold|so\s+sleepy|so\s+tired\s+now)\b[^\n]{0,30}\b(?:won'?t|wont)\s+be\s+long\b",
        INTENT,
        weight=2.0,
        acute=True,
        benign=FICTION
        + "|"
        + LAUGH
        + r"|(?:hangover|drunk|drinks|pints|shots|beer|wine|coffee|caffeine|sugar|food|ate|eating|dinner|exam|essay|deadline|phone|battery|queue|bus|train|flight|delivery|pizza|wait)",
    ),
    Rule(
        rf"\b{DRUGS}\s*x\s*[1-9]\d\b|\b[1-9]\d\s+(?:\w+\s+)?{DRUGS}\s+(?:down|gone|in\s+me|deep)\b|\bdown(?:ed)?\s+[1-9]\d\s+(?:\w+\s+)?{DRUGS}\b",
        INTENT,
        weight=2.0,
        acute=True,
        benign=r"(?:order|ordered|stock|shelf|shelves|pharmacy|chemist|delivery|prescription|box\s+of\s+\d+|pack\s+of\s+\d+|mg\b)",
    ),
    Rule(
        r"\b(?:tried|trying)\s+to\s+(?:jump|hang\s+myself|do\s+it|end\s+it|kill\s+myself|drown\s+myself)\b[^.!?\n]{0,50}\b(?:stopped\s+me|grabbed\s+me|pulled\s+me|caught\s+me|found\s+me)\b[^\n]{0,40}\b(?:going\s+back|try(?:ing)?\s+again|do(?:ing)?\s+it\s+again|go(?:ing)?\s+again|next\s+time)\b",
        INTENT,
        weight=2.0,
        acute=True,
        context=False,
    ),
)
