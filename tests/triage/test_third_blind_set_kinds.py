"""Kinds a third set written blind found missing: last words with no suicide word (a message
that calls itself the last, "you won't hear from me again", "by then it'll be over",
thanks and "this is me done", 先立つ不孝, 今日でおしまい), tablets counted out, a stockpile
bought from several shops so nobody would notice, a means ready "before anyone's up", a
blade already used (包丁でお腹刺した), a jump said as 〜から飛ぶ after a night shift, the gas
tap. And the look-alikes it found firing: a goodbye at the end of a shift, a viewing
platform, "jump into the weekend", charcoal for a barbecue, cold medicine that makes one
sleepy, a skydive, "死ぬ死ぬ言いながら", "I'll do it tonight" about the washing.

Each row is (message, the tier the rules alone must give, a construct that must be in the
evidence); look-alikes must stay below high after the model too.
"""

from __future__ import annotations

import pytest

from tests.triage.test_recall_gaps import check, rules_tier
from triage.engine.scoring import assess, assess_conversation

CAUGHT = [
    # Last words, said without a word for suicide.
    ("last msg. sorry for everything", "imminent", "intent"),
    ("u wont hear from me again after tonight. ty for trying", "imminent", "intent"),
    ("left a voicemail for my brother. by the time he hears it ill be gone", "imminent", "intent"),
    ("thanks for being kind. this is me done", "imminent", "intent"),
    ("goodbye cruel world", "imminent", "intent"),
    ("先立つ不孝をどうかお許しください", "imminent", "intent"),
    ("つまらない人生だったけど、ありがとう", "imminent", "intent"),
    ("おやすみなさい　永遠に", "imminent", "intent"),
    ("ぜんぶ今日でおわり。ありがと", "imminent", "intent"),
    # Tablets laid out, a stockpile hidden on purpose, a means before anyone is up.
    ("tablets are lined out on the desk", "high", "plan"),
    ("pills counted out. tonight", "high", "plan"),
    (
        "got paracetamol from three different shops so no one would ask. tonight",
        "imminent",
        "intent",
    ),
    ("the rope is in the garage. on saturday before anyone is awake", "imminent", "intent"),
    # A blade already used; a jump from a named place after a shift; the gas tap.
    ("カッターで手首さした", "imminent", "intent"),
    ("バイト終わったらあのビルの屋上から飛ぶ", "imminent", "intent"),
    # Acts told by what is left or how many: insulin used up, blister packs emptied, a
    # drug and then how many already taken; a parapet stood at "already".
    ("pen's empty, injected all the insulin. shaky now", "imminent", "intent"),
    ("30 empty blisters on the floor", "imminent", "intent"),
    ("found dads codeine. already took 20", "imminent", "intent"),
    ("sitting on the ledge now, 9th floor", "imminent", "intent"),
    # A gun loaded, a train walked in front of, good night for ever.
    ("rifle's loaded, in my lap. tonight", "imminent", "intent"),
    ("going to step in front of the train tonight", "imminent", "intent"),
    ("night night forever x", "imminent", "intent"),
    # Japanese last words and acts from the first development set's kinds.
    ("明日の朝にはぜんぶ終わってるから、心配しないで", "imminent", "intent"),
    ("この人生、先におりるね", "imminent", "intent"),
    ("もう明日はこないので、ありがとう", "imminent", "intent"),
    ("市販薬3箱、もう胃の中", "imminent", "intent"),
    ("床に血がひろがってる", "imminent", "intent"),
    # A fourth blind set's kinds: a strap tied off from a ladder, one more time before going,
    # love and "sorry for everything", everything ready when nobody is up, what was taken
    # will not wear off; 駅で飛び込む, 車で海に突っ込む, a sentence broken off at the balcony,
    # begun and too late, the writer ending too, 最期のあいさつ.
    ("on a chair in the garage, rope tied to the beam", "imminent", "intent"),
    ("wanted to talk to someone one last time before i go", "imminent", "intent"),
    ("sorry for everything. love you all", "imminent", "intent"),
    ("3am, everyone's asleep. it's all sorted", "imminent", "intent"),
    ("whatever i took isnt going to wear off", "imminent", "intent"),
    ("heading to her flat with a knife", "high", "harm_to_others"),
    ("今夜、駅で飛び込む", "imminent", "intent"),
    ("明日バイクで崖に突っ込む", "imminent", "intent"),
    ("夫が寝たら屋上から", "imminent", "intent"),
    ("もう始めた。止められない", "imminent", "intent"),
    ("仕事もおわり、わたしもおわり", "imminent", "intent"),
    ("最期のメッセージです", "imminent", "intent"),
    # A fifth blind set's kinds: an attempt that just failed, last words in the third person
    # or to the dead, the tallest building, flying from a roof; pills washed down with
    # drink, a count forgotten, bath water turning red, charcoal done for a while, all
    # arranged, the crossing bell ringing.
    ("tried to kill myself and the rope snapped", "imminent", "intent"),
    ("tell my son his dad loved him", "imminent", "intent"),
    ("i am going to be with my wife who passed", "imminent", "intent"),
    ("no more messages from me after this", "imminent", "intent"),
    ("going up to the top of the tallest car park tonight", "imminent", "intent"),
    ("i can fly now, off the balcony to prove it", "imminent", "intent"),
    ("took the three packets of co-codamol", "imminent", "intent"),
    ("ビールで睡眠薬ながしこんだ", "imminent", "intent"),
    ("何錠のんだか覚えてない", "imminent", "intent"),
    ("湯船が赤くそまってきた", "imminent", "intent"),
    ("さっきまで車で練炭やってた", "imminent", "intent"),
    ("段取りはもうつけた。明日やる", "imminent", "intent"),
    ("踏切なってる", "imminent", "intent"),
    # A sixth blind set's kinds: leetspeak with a laugh, a heater shut in a tent, the top
    # of a work structure and not coming down, going to kill with the means all there,
    # things finished at an hour, all set up for when the children sleep, "or ever";
    # 〜の上から broken off, drink and pills together, the next train, the last stream,
    # thanking oneself at the end.
    ("t00k 4ll th3 p1lls l0l", "imminent", "intent"),
    ("put the gas heater in the van and shut the doors", "imminent", "intent"),
    ("top of the silo now. not coming back down", "imminent", "intent"),
    ("gonna go unalive tonight, everything's here", "imminent", "active_ideation"),
    ("will be ending things at 0400", "imminent", "intent"),
    ("got it all set up in the garage, wife's at work", "imminent", "intent"),
    ("leaving the server. won't be back tomorrow or ever", "imminent", "intent"),
    ("今夜、会社の上から", "imminent", "intent"),
    ("焼酎と一緒に睡眠薬のんだ", "imminent", "intent"),
    ("駅で電車待ってる。来たら飛び込む", "imminent", "intent"),
    ("みんなありがとう、次の配信はもうないです", "imminent", "intent"),
    ("おつかれさまでした、自分", "imminent", "intent"),
    # A seventh blind set's kinds: last words in few words, a ligature set up and a wait for
    # the others to leave, research with a time; 駅行って飛び込む.
    ("just didn't want to go without saying bye to someone", "imminent", "intent"),
    ("my last day on this earth", "imminent", "intent"),
    ("tell the kids their mum was proud of them", "imminent", "intent"),
    ("they'll be fine without me after tonight", "imminent", "intent"),
    ("rope is set up. just waiting for them to go to bed", "high", "plan"),
    ("how long would it take to bleed out", "high", "plan"),
    ("バイト終わったら駅いって飛び込む", "imminent", "intent"),
    # A black-box review's kinds: a decision with its hour, an overdose under way, dying
    # said with its day; 死ぬ with the hour or the moment, 死んでくるね.
    ("i'm going to kill myself within the hour", "imminent", "intent"),
    ("im overdosing rn", "imminent", "intent"),
    ("i die tomorrow", "imminent", "intent"),
    ("today is the day i die", "imminent", "intent"),
    ("30分後に死ぬ", "imminent", "intent"),
    ("仕事終わったら死ぬ", "imminent", "intent"),
    ("ちょっと死んでくるね", "imminent", "intent"),
    # Too much taken told by how it feels, shorthand counts, going back after being
    # stopped; reassurance first, bleeding a lot, rest coming soon.
    ("took way too much, dont think ill make it to morning", "imminent", "intent"),
    ("so sleepy now... wont be long", "imminent", "intent"),
    ("paracetamol x40", "imminent", "intent"),
    ("tried to jump but a guy grabbed me. going back later", "imminent", "intent"),
    ("心配しないでね、もう切ったから", "imminent", "intent"),
    ("血がすごい出てきた", "imminent", "intent"),
    ("もうすぐ楽になれるね", "imminent", "intent"),
]


@pytest.mark.parametrize(("text", "tier", "construct"), CAUGHT)
def test_third_blind_set_kinds_reach_their_tier(text: str, tier: str, construct: str) -> None:
    check(text, tier, construct)


def test_a_decision_and_the_gas_tap_across_messages_are_imminent() -> None:
    result = assess_conversation(
        ["今日はひとりです", "はい、今夜やります", "ガスの元栓、開けるだけ"], "ja"
    )
    assert result.tier == "imminent", (result.explanation, result.evidence)
    assert {e.construct for e in result.evidence} >= {"intent", "method_means"}


LOOK_ALIKES = [
    # A goodbye with its return, a last message before something named.
    "shift done, goodbye everyone, see you on monday",
    "last message before bed, night all",
    "you wont hear from me for a week, festival with no signal",
    "thanks, this is me done for today",
    "thanks that helped, im done venting",
    "bye world, off to the lake for the weekend",
    "hello world, bye world: my first python script",
    # Heights, jumps and trains in their everyday sense.
    "stood at the edge of the viewing platform, what a view",
    "ready to jump into the summer holidays!!",
    # Tablets set out by a carer; shopping around for a good reason.
    "nan's tablets are counted out in her dosette for the week",
    "bought formula from three different shops because of the shortage",
    "before anyones up im going for a run",
    # Charcoal for a barbecue, cold medicine, a skydive, a deadline moan, a blade in cooking.
    "明日キャンプで練炭つかってバーベキュー！火おこし担当",
    "風邪薬飲んだら眠くなってきた、もう寝る",
    "スカイダイビング予約した！飛行機から飛び降りるの楽しみ",
    "レポート死ぬ死ぬ言いながら提出した",
    "料理中に包丁で指さしちゃった、絆創膏",
    "バイト今日でおしまい！おつかれさまでした",
    "今日で連休おわり、明日から仕事",
    "ガスの元栓しめ忘れたかも、帰って確認する",
    # Jokes marked as jokes, a bridge where a friend is late, insulin to be refilled.
    "missed the bus again kms 😂",
    "one more meeting and i'll jump out the window lol jk",
    "on the bridge waiting for my mate, she's always late",
    "need a new insulin pen, used all of it",
    "shotgun's loaded for the rabbits tomorrow",
    "明日の決勝、負けたらもう明日はない",
    "ケーキ全部胃の中w",
    "これで最後の質問です、土日もやってますか？",
    "grandads ashes went into the sea, lovely send off",
    "shooting myself in the foot with these late essays",
    "lethal dose of cringe in that video",
    "kids are asleep, everything's ready for santa",
    "前髪切りすぎた、死にたいレベル",
    "看護の国試勉強、致死量とか覚えるの大変",
    "消えたいとかじゃなくて、ただ疲れてる",
    "課題おわり、わたしもおわり、寝る",
    "ベランダから見える夕日がきれい",
    "no more messages after this, phone on 2%",
    "going to visit my nan who passed, flowers for her grave",
    "i can fly! passed my first lesson, hang gliding off the ridge",
    "the camp doctor gave me medicine, i will take it all as prescribed",
    "入浴剤いれたらお湯が真っ赤になった",
    "映画で主人公が屋上から飛ぶシーン、泣いた",
    "推理小説で犯人が崖から飛び降りるとこ",
    "踏切なかなか開かない、遅刻する",
    "旅行の段取りはぜんぶすんでる",
    "at the top of the crane all day for work, wind is mental",
    "got the xbox all set up, kids asleep finally",
    "top of the tower for the sunset lol",
    "次の配信は来週です！おつかれ",
    "ホームで電車待ってる、来たら乗る",
    "my mate passed out drunk at the party lol",
    "the chairs are set up for the party",
    "how long does it take to pass out from a blood test, asking for my first aid course",
    "dying to see you tonight",
    "my phone is dying tonight",
    "last day of the holiday tomorrow",
    "i od'd on coffee this morning",
    "明日テストで死ぬ",
    "今日死ぬほど暑い",
    "ありがとう、さようなら、また来年",
    "took too much time on the essay",
    "the bus wont be long now",
    "ordered paracetamol x20 for the first aid box",
    "もうすぐ夏休みで楽になれる",
    # A task to do tonight.
    "I will do it tonight",
    "ill do it tonight, the washing i mean",
]


@pytest.mark.parametrize("text", LOOK_ALIKES)
def test_third_blind_set_look_alikes_stay_below_high(text: str) -> None:
    result = assess(text)
    assert result.tier in ("low", "medium"), (result.explanation, result.evidence)


@pytest.mark.parametrize(
    "text",
    [
        "found my brother passed out next to an empty bottle of pills",
        "my daughter locked herself in her room with a knife",
        "my bf is on the roof saying he's going to jump",
        "my brother locked himself in the garage with the car running",
        "my flatmate took a whole box of pills and won't wake up",
        "友達がさっき薬いっぱい飲んだって、返事がない",
    ],
)
def test_someone_elses_act_under_way_is_high_and_flagged_as_theirs(text: str) -> None:
    result = assess(text)
    assert result.tier == "high", (result.explanation, result.evidence)
    assert result.about_other
    assert "concern_for_other" in {e.construct for e in result.evidence}


@pytest.mark.parametrize(
    "text", ["my friend says she'll do it tonight", "彼女が今夜死ぬって言ってる"]
)
def test_someone_elses_plan_stays_medium_and_flagged_as_theirs(text: str) -> None:
    result = assess(text)
    assert result.tier == "medium", (result.explanation, result.evidence)
    assert result.about_other


@pytest.mark.parametrize("unit", ["ab", "a-", "a ", "a."])
def test_long_runs_of_letters_are_read_in_linear_time(unit: str) -> None:
    # Behaviour, not timing: the work a long run costs must not grow with its square. A
    # 20,000-character run is read, and the reading of a ten times longer one still ends
    # (it took about 45 s before the stretch and segmentation steps were bounded).
    from triage.engine.normalise import SEGMENT_MAX_LETTERS, normalise

    text = unit * 10_000
    assert normalise(text).text
    assert assess(text, "en").tier in ("low", "medium")
    assert len(text) > SEGMENT_MAX_LETTERS


# Harmless company the rules now read, though the model alone still lifts these two to
# high (p 0.83 and 0.72): the rules' tier is what is stated here.
@pytest.mark.parametrize(
    "text",
    [
        "took all my pills today like the doctor said",
        "goodbye everyone, logging off for the weekend!",
    ],
)
def test_look_alikes_the_rules_keep_below_high(text: str) -> None:
    result = assess(text)
    assert rules_tier(result) in ("low", "medium"), (result.explanation, result.evidence)
