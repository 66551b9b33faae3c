"""A bilingual test corpus for de-identification, and recall measured on it.

Each line is a sentence a help-seeker might write, in English or Japanese, holding one
identifier of a known kind (phone, email, url, handle, name) written the ways people
write them (spaced, full-width, digit by digit, in words or kana, with wave dashes,
kanji numerals, "(at)", 【at】, "。", "LINE→…", "IDは…", "L I N E"), or holding none
(`none`: ordinary chat lines, times, dates, amounts, ages, feelings after "I'm" and
私は, platform words without an id, which must come through unchanged). Recall per kind
is the share of lines whose identifier no longer appears in any form after
`deidentify`; the `none` row is the share of ordinary lines left exactly as written.

The figures are never typed: the research export's README (counseling/exports.py)
measures them from this corpus when an export is built, and the table in README.md is
written by `python -m supervision.deidentify_corpus --readme README.md` (a test fails
when it no longer matches). Run `python -m supervision.deidentify_corpus` to print them
with every miss.

The corpus is built from templates × values so that every format meets every kind of
sentence around it; it is a floor, not a proof: real messages are more varied.
"""

import argparse
import itertools
import re
import unicodedata
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from .deidentify import deidentify


@dataclass(frozen=True)
class Line:
    kind: str
    language: str
    text: str
    secret: str  # what must not survive ("" for kind "none": the text must survive)


PHONES = {
    "en": [
        "+81 90-1234-5678",
        "+44 7700 900123",
        "(555) 123-4567",
        "1-555-123-4567",
        "555.123.4567",
        "81-90-1234-5678",
        "090 1234 5678",
        "07700 900123",
        # Spaced out a digit or two at a time.
        "0 9 0 1 2 3 4 5 6 7 8",
        "07 7 00 900 123",
        "0 7 7 0 0 9 0 0 1 2 3",
        "09 01 23 45 67 8",
        "0-9-0-1-2-3-4-5-6-7-8",
        # Written in words, or with the letter O for zero.
        "zero nine zero one two three four five six seven eight",
        "zero nine zero, one two three four, five six seven eight",
        "oh seven seven oh oh, nine oh oh, one two three",
        "ZERO EIGHT ZERO two three four five six seven eight nine",
        "zero nine zero double one two three double four five",
        "O9O-1234-5678",
        "090 one two three four 5678",
        # Known limit: a North American number in words, with no "call" before it.
        "five five five, one two three, four five six seven",
    ],
    "ja": [
        "090-1234-5678",
        "０９０－１２３４－５６７８",
        "090～1234～5678",
        "080〜2345〜6789",
        "090_1234_5678",
        "090/1234/5678",
        "090の1234の5678",
        "〇九〇-一二三四-五六七八",
        "09012345678",
        "0120-123-456",
        "03-1234-5678",
        "+81 80 2345 6789",
        "090-1234-56七八",
        "〇九〇一二三四五六七八",
        "〇八〇 二三四五 六七八九",
        # Spaced out a digit at a time, in half- and full-width.
        "0 9 0 1 2 3 4 5 6 7 8",
        "０ ９ ０ １ ２ ３ ４ ５ ６ ７ ８",
        "0 8 0-2 3 4 5-6 7 8 9",
        # Read aloud in kana.
        "ゼロキュウゼロ イチニサンヨン ゴロクナナハチ",
        "ぜろきゅうぜろ、いちにさんよん、ごろくななはち",
        "ゼロハチゼロのニーサンヨンゴのロクナナハチキュウ",
        "ｾﾞﾛｷｭｳｾﾞﾛ ｲﾁﾆｻﾝﾖﾝ ｺﾞﾛｸﾅﾅﾊﾁ",
        "まるきゅうまる いちにさんよん ごろくななはち",
        # Known limit: kanji numbers with 十/百/千 ("三千四百…").
        "ゼロキュウゼロの千二百三十四の五千六百七十八",
    ],
}
PHONE_TEMPLATES = {
    "en": [
        "call me on {}",
        "my number is {} please text",
        "text me lol {}",
        "ok ok its {} but dont tell anyone",
        "{} is my cell",
        "text {} if you can",
        "you can reach me at {}.",
        "whatsapp me {}",
        "my mom's phone is {}",
        "number: {} (after 9pm)",
    ],
    "ja": [
        "電話番号は{}です",
        "{}に電話して",
        "携帯{}だよ",
        "連絡先：{}",
        "何かあったら{}まで",
        "母の番号は{}です",
        "ここに電話して→{}",
        "{}に連絡ください",
        "ばんごう {} だよ",
        "{} ←これ私のけいたい",
    ],
}

EMAILS = {
    "en": [
        "jane.doe@example.com",
        "kid_2009@mail.co.uk",
        "jane (at) example (dot) com",
        "jane [at] example [dot] org",
        "jane @ example . com",
        "jane at example dot com",
        "j.smith+help@school.edu",
        "jane.doe at gmail",
        "jane99 at gmail.com",
        "jane at gmail.com",
        "jane@gmail。com",
        "jane［at］gmail.com",
        "jane【at】gmail.com",
        "jane (at) gmail.com",
        "jane<at>gmail<dot>com",
        "jane(@)gmail.com",
        "john dot doe at gmail dot com",
        # Known limits: letters spaced one by one, or no provider and no "@".
        "j a n e @ g m a i l . c o m",
        "jane at example.com",
    ],
    "ja": [
        "taro@example.jp",
        "ｔａｒｏ＠ｅｘａｍｐｌｅ．ｃｏ．ｊｐ",
        "hana★docomo.ne.jp",
        "hana☆ezweb.ne.jp",
        "taro (at) gmail (dot) com",
        "sakura_0101@icloud.com",
        "taroアットマークgmail.com",
        "taro@gmail。com",
        "taro＠gmail．com",
        "taro＠ｇｍａｉｌ。ｃｏｍ",
        "taro［at］gmail.com",
        "taro【at】gmail.com",
        "taro【アット】gmail【ドット】com",
        "taro アットマーク gmail ドット com",
        "taro あっとまーく gmail どっと com",
        "taro アット gmail.com",
        "hana★docomo。ne。jp",
        "taro@gmail・com",
        # Known limit: the domain spelled in kana.
        "taro@じーめーる.com",
    ],
}
EMAIL_TEMPLATES = {
    "en": [
        "email me at {}",
        "my email is {}.",
        "{} is my school email",
        "write to {} please",
        "you can mail {} later",
        "contact: {}",
        "pls dont share it but its {}",
    ],
    "ja": [
        "メールは{}です",
        "{}にメールして",
        "アドレス{}だよ",
        "連絡は{}まで",
        "メアド→{}",
        "{}に送ってください",
        "めあど {} だよー",
    ],
}

URLS = {
    "en": [
        "https://example.com/my-story",
        "www.example.org/page",
        "example.com/me",
        "lin.ee/abc123",
        "linktr.ee/hana",
        "youtu.be/dQw4w9WgXcQ",
        "bit.ly/3xyz",
        "example.to/x",
        "example.ru/page",
        "my-diary.blog",
        # Known limit: a domain spelled out.
        "example dot com slash hana",
    ],
    "ja": [
        "https://example.jp/nikki",
        "ｈｔｔｐｓ：／／ｅｘａｍｐｌｅ．ｊｐ",
        "kizuna.co.jp",
        "例え.jp",
        "https://例え.jp/path",
        "xn--eckwd4c7c.xn--zckzah",
        "lin.ee/xyz789",
        "twitter.com/hana_chan",
    ],
}
URL_TEMPLATES = {
    "en": [
        "look at {}",
        "I wrote about it on {} last night",
        "here: {}",
        "{} has my story",
        "check {} please",
    ],
    "ja": [
        "{}を見て",
        "ブログは{}です",
        "ここ→{}",
        "{}に書いた",
        "リンク：{}",
    ],
}

HANDLES = {
    "en": [
        ("follow @night_owl99 there", "night_owl99"),
        ("LINE ID: abc123", "abc123"),
        ("my insta is jane.doe99", "jane.doe99"),
        ("Instagram handle: dancer_girl", "dancer_girl"),
        ("add me on LINE taro_0101", "taro_0101"),
        ("add me on discord kenta#0420", "kenta#0420"),
        ("my Discord is moon.cat#1234", "moon.cat#1234"),
        ("tiktok username is kid_2009", "kid_2009"),
        ("X account: bar_1", "bar_1"),
        ("snap me: sunny_77", "sunny_77"),
        ("my twitter is @sad_boy_01", "sad_boy_01"),
        ("kakao id lee_min2", "lee_min2"),
        ("kik me taro99", "taro99"),
        ("snap: taro99", "taro99"),
        ("my insta is taro.99", "taro.99"),
        ("add me on discord taro99", "taro99"),
        ("hmu on snap sunny_77", "sunny_77"),
        ("my ID is taro0101", "taro0101"),
        ("ID: hana_22", "hana_22"),
        ("L I N E: taro_99", "taro_99"),
        ("ｌｉｎｅ taro_0101", "taro_0101"),
        ("L1NE id: kenta_22", "kenta_22"),
        ("i.n.s.t.a → moon_cat9", "moon_cat9"),
        ("telegram @taro99", "taro99"),
        ("dm me on tiktok, its dancer_22", "dancer_22"),
        ("my kik is taro_x9", "taro_x9"),
        ("viber id hana88", "hana88"),
        ("kik: johndoe", "johndoe"),
        ("instagram: hanasaki", "hanasaki"),
        ("discord: moonlight", "moonlight"),
        # Known limits: an id that looks like a word, far from the platform's name.
        ("my line is hanabi", "hanabi"),
        ("find me on insta, I go by moonchild there", "moonchild"),
    ],
    "ja": [
        ("LINEやってる？taro_0101だよ", "taro_0101"),
        ("ライン→hana_0202", "hana_0202"),
        ("ラインのIDはsakura_88です", "sakura_88"),
        ("インスタのアカウントはhana_0101", "hana_0101"),
        ("＠ｈａｎａ＿０１にDMして", "hana_01"),
        ("インスタ→miki.k_22", "miki.k_22"),
        ("ツイッターは@yuki_0303です", "yuki_0303"),
        ("ディスコードはkenta#0420", "kenta#0420"),
        ("ラインID：ｍｉｋｉ０１", "miki01"),
        ("LINE ID教えるね、taro0101", "taro0101"),
        ("IDは taro_0101 です", "taro_0101"),
        ("IDはtaro0101だよ", "taro0101"),
        ("LINE ID: taro_0101", "taro_0101"),
        ("らいん taro_99", "taro_99"),
        ("ライソやってる？taro_0101", "taro_0101"),
        ("L I N E → hana_0202", "hana_0202"),
        ("ｌｉｎｅのIDはsakura_88", "sakura_88"),
        ("ユーザー名はhana_88", "hana_88"),
        ("裏垢はmiki_sub01", "miki_sub01"),
        ("ディスコやってる？kenta#0420", "kenta#0420"),
        ("ティックトックのアカウントはyuki_0303", "yuki_0303"),
        ("アイディーはhana0101です", "hana0101"),
        ("いんすた→ miki_k22", "miki_k22"),
        # Known limit: an id that looks like a word.
        ("ラインはhanabiで検索して", "hanabi"),
    ],
}
HANDLE_FRAMES = {
    "en": ["{}", "if you want, {}", "{} (I'm online late)", "ok {} ok"],
    "ja": ["{}", "よかったら{}", "{}（夜なら見てる）", "ねえ、{}"],
}

NAMES = {
    "en": [
        ("My name is Jane Smith", "Jane"),
        ("my name's jane", "jane"),
        ("I'm called Bobby", "Bobby"),
        ("call me Kate", "Kate"),
        ("Hello, this is Tom", "Tom"),
        ("I'm Taro", "Taro"),
        ("I am Emily Brown", "Emily"),
        ("Hi, I'm Kenta", "Kenta"),
        ("im Sara", "Sara"),
        ("I told Mr. Brown", "Brown"),
        ("they call me Jojo", "Jojo"),
        ("my name's Sarah", "Sarah"),
        ("call me Sarah", "Sarah"),
        ("this is Sarah", "Sarah"),
        ("i'm sarah", "sarah"),
        ("call me kenta", "kenta"),
        ("my real name is Emily", "Emily"),
        ("name's Jake", "Jake"),
        ("I go by Sam", "Sam"),
        ("they named me Olivia", "Olivia"),
        ("im tom btw", "tom"),
        ("hi its sarah again", "sarah"),
        ("my first name is hannah", "hannah"),
        ("name: Riley", "Riley"),
        # Known limits: a name with no phrase before it, or lower case and uncommon.
        ("Jane said I should write", "Jane"),
        ("ask for Marcus at the desk", "Marcus"),
        ("sarah here", "sarah"),
        ("call me zephyrine", "zephyrine"),
    ],
    "ja": [
        ("私の名前は田中です", "田中"),
        ("なまえはさくらだよ", "さくら"),
        ("山田太郎と申します", "山田太郎"),
        ("わたしはみさきといいます", "みさき"),
        ("ユウって呼んで", "ユウ"),
        ("田中さんに相談した", "田中"),
        ("友達のゆうきくんと", "ゆうき"),
        ("佐藤先生が怖い", "佐藤"),
        ("私は田中です", "田中"),
        ("僕はけんただよ", "けんた"),
        ("ミキちゃんとけんかした", "ミキ"),
        ("私の名前は山田花子です", "山田花子"),
        ("名前は花子", "花子"),
        ("僕は太郎って言います", "太郎"),
        ("名前、花子です", "花子"),
        ("本名は山田花子", "山田花子"),
        ("苗字は佐藤です", "佐藤"),
        ("はじめまして、田中です", "田中"),
        ("私、花子です", "花子"),
        ("あだ名はハナ", "ハナ"),
        ("はなこって呼ばれてる", "はなこ"),
        ("たろうって言います", "たろう"),
        ("フルネームは鈴木一郎です", "鈴木一郎"),
        # Known limits: a name with no phrase or honorific.
        ("鈴木にいじめられてる", "鈴木"),
        ("田中だけど、話せる？", "田中"),
    ],
}
NAME_FRAMES = {
    "en": ["{}.", "{} and I can't sleep", "hi. {}", "{}, sorry"],
    "ja": ["{}。", "{}。眠れない", "こんばんは。{}", "{}…ごめん"],
}

# Ordinary chat lines with nothing to remove: the text must come through unchanged. They
# are the precision half of the corpus, written near the patterns above (feelings after
# "I'm", "call me" without a name, platforms without an id, numbers that are not phone
# numbers, 私は…です that says what someone is or feels).
NONE = {
    "en": [
        "I'm 16 and my brother is 19",
        "it happened at 3:30 on 2024-05-01",
        "since 2024, in 2008/04/12",
        "I owe $1,200",
        "100% sure, 24/7",
        "call 110 or 119, in the US 911",
        "scores 10-3",
        "Instagram is toxic for me",
        "the first line: hello, the second line: goodbye",
        "oh snap: I forgot my homework",
        "instagram: everyone looks happier than me",
        "I was online all night",
        "meet me @ the station",
        "call me tomorrow",
        "this is hard",
        "my name is not important",
        "I'm Tired of everything",
        "I am Japanese",
        "look at this dot",
        "I'm sad",
        "I am tired",
        "i'm so tired of everything",
        "I'm Exhausted",
        "I'm still here",
        "I'm Still here, barely",
        "I'm Struggling a lot",
        "I'm Having a bad day",
        "I'm numb",
        "im scared",
        "im fine i guess",
        "I am alone right now",
        "I am done with everything",
        "I'm at school",
        "I'm at home alone",
        "this is too much",
        "This is Monday again",
        "this is the third time this week",
        "call me later?",
        "can you call me",
        "please call me back",
        "it's late",
        "It's Monday again",
        "its fine",
        "my name doesn't matter",
        "I stood in line for 2 hours",
        "the line was long, 2nd time",
        "I saw it on tiktok",
        "everyone on insta looks happy",
        "no signal, 4g only",
        "my phone is dead",
        "I deleted my snapchat",
        "discord is where they bully me",
        "they kicked me out of the group chat",
        "I have 2 brothers and 1 sister",
        "one or two of us, maybe three",
        "I counted 1 2 3 4 5 6 7 8 9 10 to calm down",
        "0 1 2 3 4 5 6 7 8 9",
        "I tried calling 110",
        "my room is 305",
        "I take 2 pills at 9",
        "i go by bus to school",
        "at least I tried",
        "look at me, I'm a mess",
        "it's 3am and I can't sleep",
        "it's been 10 days",
        "zero friends, zero hope",
        "one two three, breathe",
        "oh no oh no",
        "I got 7 out of 10 on the test",
        "the bus at 7:45 then 8:10",
        "since 2019 I've felt like this",
        "I weigh 45 kg and I'm 160 cm",
        "ID card got stolen",
        "my ID is expired",
        "I had an idea: just leave",
        "I'm on my phone in bed",
        "text me when you can",
        "a kid is 5yo",
        "this is Sunday and I'm alone",
        "this is what I mean",
        "she said I'm worthless",
        "I am Hopeless",
        "my mom is at work",
        "she works at the hospital",
        "email is scary for me",
        "I'm not ok",
        "I'm really really tired",
        "Dr. who? lol",
        "I'm sorry for texting so late",
        "im so done with school",
        "I'm Done with this",
        "this is my last message",
        "I'm Gonna try to sleep",
        "call me maybe lol",
        "my friend from line 3 in class",
        "I'm going to the station now",
        "lol I'm dead",
        "I am Worthless",
        "im ok now thank u",
        "I'm in year 10",
        "I'm just so tired all the time",
        "i am kinda scared to talk",
        "This is Tuesday's problem",
        "this is it",
        "I'm Grateful for you",
        "name is irrelevant",
        "i go by train everyday",
        "Sorry, this is awkward",
        "I'm Back",
        "I'm Fine honestly",
        "I'm Korean and my parents don't understand",
        "im 15f",
        "I'm 17 btw",
        "she's on instagram all day",
        "the police number is 110",
        "pin was 1 2 3 4",
    ],
    "ja": [
        "16歳です",
        "3時30分に2024年5月1日",
        "5000円しかない",
        "LINEやってる？ LINE ID教えて",
        "お母さんとおばあちゃんに言えない",
        "たくさん泣いた。ちゃんと食べてない",
        "本屋さんと店員さん",
        "名前は秘密です",
        "私は学生です",
        "私は大丈夫です",
        "一人で泣いてる",
        "二〇二四年の春から",
        "私は不安です",
        "私はうつです",
        "私はクズです",
        "私はダメ人間です",
        "私は妊娠中です",
        "私はもう限界です",
        "私は心配です",
        "僕は一人っ子です",
        "私は鬱です",
        "私はいつもそうです",
        "俺は平気だよ",
        "私はハーフです",
        "私は嫌です",
        "私、疲れた",
        "私、無理です",
        "僕、もうだめだ",
        "名前は言いたくない",
        "名前はまだない",
        "お名前は何ですか？",
        "ラインで友達に無視された",
        "インスタ見るのがつらい",
        "ツイッターやめた",
        "LINEのグループ外された",
        "電話するのが怖い",
        "お母さんに電話した",
        "IDなんて覚えてない",
        "3時に起きた",
        "2024年に転校した",
        "1日に3回リスカしてた",
        "もう10日も寝てない",
        "12時過ぎても眠れない",
        "薬を5錠飲んだ",
        "体重45キロ",
        "いちにさん、深呼吸してる",
        "電話しにくいし、ごめん",
        "先生に相談した",
        "皆さんありがとう",
        "友達と話した",
        "学校に行きたくない",
        "家に帰りたくない",
        "死にたい",
        "誰にも言えない",
        "誰か助けて",
        "はじめまして、よろしくお願いします",
        "こんばんは。眠れない",
        "どうも、すみません",
        "おじさんに怒られた",
        "お兄ちゃんが怖い",
        "ちゃんと寝てない",
        "みんな嫌い",
        "彼氏と別れた",
        "部活の先輩が怖い",
        "保健室の先生に話した",
        "担任の先生に言った",
        "電車に乗ってる",
        "ゼロから始めたい",
        "一二三四五って数えてる",
        "090って番号から着信があって怖い",
        "駅の3番線にいる",
        "メールは苦手",
        "アドレス変えた",
        "ディスコで悪口言われた",
        "スナチャ消した",
        "インスタのストーリー見た",
        "らいん既読無視された",
        "私はいま家にいます",
        "僕は高校生です",
        "自分は男です",
        "あたしはもう大人だよ",
        "そのうち、大丈夫です",
        "私は最近眠れない",
        "私はもう疲れました",
        "私は母子家庭です",
        "僕はゲーマーです",
        "私は陰キャです",
        "自分はADHDです",
        "私は高3です",
        "私は死にたいです",
        "私は大学1年生です",
        "あたし、バカだから",
        "うち、母子家庭だよ",
        "名前はいいたくないです",
        "名前なんてどうでもいい",
        "ラインもインスタもやってない",
        "LINEのIDは教えられない",
        "インスタで知り合った人",
        "ゼロか百かで考えちゃう",
        "いち、に、さん、しって数えた",
        "090から始まる番号からかかってきた",
        "はじめまして。つらいです",
        "こんばんは、眠れないです",
        "どうも、初めてです",
        "先生が嫌い",
        "お父さんが怖い",
    ],
}


def corpus() -> Iterator[Line]:
    for language in ("en", "ja"):
        for template, phone in itertools.product(PHONE_TEMPLATES[language], PHONES[language]):
            yield Line("phone", language, template.format(phone), phone)
        for template, email in itertools.product(EMAIL_TEMPLATES[language], EMAILS[language]):
            yield Line("email", language, template.format(email), email)
        for template, url in itertools.product(URL_TEMPLATES[language], URLS[language]):
            yield Line("url", language, template.format(url), url)
        for frame, (text, handle) in itertools.product(HANDLE_FRAMES[language], HANDLES[language]):
            yield Line("handle", language, frame.format(text), handle)
        for frame, (text, name) in itertools.product(NAME_FRAMES[language], NAMES[language]):
            yield Line("name", language, frame.format(text), name)
        for text in NONE[language]:
            yield Line("none", language, text, "")


def _pieces(secret: str) -> list[str]:
    """The parts of an identifier that identify (digits of a number, words of an address),
    in the plain form they would be searched for."""
    plain = _plain(secret)
    return [
        piece
        for piece in re.split(r"[^0-9a-z\u3040-\u30ff\u4e00-\u9fff]+", plain)
        if len(piece) >= 3
    ]


def _digit_windows(secret: str) -> list[str]:
    """Every four digits in a row of a number, whatever separates them: "0 9 0 1 2 3 …"
    leaks as much as "0901…" if a part of it is left."""
    digits = re.sub(r"[^0-9]", "", _plain(secret))
    return [digits[index : index + 4] for index in range(len(digits) - 3)]


def caught(line: Line) -> bool:
    """Whether the line came through as it should: every identifying part of its secret
    gone (for kind "none": the text unchanged)."""
    out = deidentify(line.text)
    if line.kind == "none":
        return out == line.text
    without_placeholders = re.sub(r"\[(?:URL|EMAIL|PHONE|HANDLE|NAME)\]", " ", out)
    plain, around = (
        _plain(text) for text in (without_placeholders, line.text.replace(line.secret, " "))
    )
    pieces = _pieces(line.secret) or [_plain(line.secret)]
    common = {"com", "org", "net", "www", "http", "https", "jp", "co", "ne", "page", "path"}
    # A piece is left when it occurs more often than in the sentence around the secret
    # ("mail" of "email me at kid@mail.co.uk" is the sentence's own word).
    left = [
        piece
        for piece in pieces
        if piece not in common and plain.count(piece) > around.count(piece)
    ]
    if line.kind == "phone":
        digits_out, digits_around = (re.sub(r"[^0-9]", "", text) for text in (plain, around))
        left += [
            window
            for window in _digit_windows(line.secret)
            if digits_out.count(window) > digits_around.count(window)
        ]
    return not left


def _plain(text: str) -> str:
    plain = unicodedata.normalize("NFKC", text).lower()
    return plain.translate(str.maketrans("〇一二三四五六七八九", "0123456789"))


def recall() -> dict[tuple[str, str], tuple[int, int]]:
    """(kind, language) -> (caught, lines); for kind "none", lines left unchanged."""
    totals: Counter[tuple[str, str]] = Counter()
    hits: Counter[tuple[str, str]] = Counter()
    for line in corpus():
        totals[line.kind, line.language] += 1
        hits[line.kind, line.language] += caught(line)
    return {key: (hits[key], totals[key]) for key in sorted(totals)}


@lru_cache(maxsize=1)
def measured() -> dict[tuple[str, str], tuple[int, int]]:
    """`recall()`, measured once per process (the corpus and the code do not change
    while it runs)."""
    return recall()


def misses() -> list[tuple[Line, str]]:
    return [(line, deidentify(line.text)) for line in corpus() if not caught(line)]


KINDS = ("phone", "email", "url", "handle", "name", "none")
KIND_LABELS = {
    "phone": "phone numbers",
    "email": "email addresses",
    "url": "links",
    "handle": "handles and messenger ids",
    "name": "names",
    "none": "ordinary lines left unchanged",
}
LANGUAGES = ("en", "ja")


def _figure(hit: int, total: int) -> str:
    return f"{hit}/{total} ({hit / total:.0%})"


def recall_text(figures: dict[tuple[str, str], tuple[int, int]]) -> str:
    """Plain-text lines, one per kind, for the export's README."""
    return "\n".join(
        f"  {kind:<8}"
        + ", ".join(f"{language} {_figure(*figures[kind, language])}" for language in LANGUAGES)
        for kind in KINDS
    )


README_START = "<!-- deidentify-recall: written by python -m supervision.deidentify_corpus -->"
README_END = "<!-- /deidentify-recall -->"


def readme_table(figures: dict[tuple[str, str], tuple[int, int]]) -> str:
    """The Markdown table in README.md, between its markers."""
    rows = [
        README_START,
        "| Kind | English | Japanese |",
        "| --- | --- | --- |",
        *(
            f"| {KIND_LABELS[kind]} | "
            + " | ".join(_figure(*figures[kind, language]) for language in LANGUAGES)
            + " |"
            for kind in KINDS
        ),
        README_END,
    ]
    return "\n".join(rows)


def readme_with_table(readme: str, table: str) -> str:
    start, end = readme.index(README_START), readme.index(README_END) + len(README_END)
    return readme[:start] + table + readme[end:]


def main() -> None:
    parser = argparse.ArgumentParser(description="Recall of deidentify on its corpus.")
    parser.add_argument("--readme", type=Path, help="rewrite the recall table in this file")
    args = parser.parse_args()
    figures = recall()
    if args.readme is not None:
        readme = args.readme.read_text(encoding="utf-8")
        args.readme.write_text(readme_with_table(readme, readme_table(figures)), encoding="utf-8")
    for (kind, language), (hit, total) in figures.items():
        print(f"{kind:>7} {language}: {hit}/{total} = {hit / total:.1%}")
    for line, out in misses():
        print(f"MISS {line.kind} {line.text!r} -> {out!r}")


if __name__ == "__main__":
    main()
