"""How triage reads each kind of line in LABELLING.md, in English and Japanese.

Examples are written for these tests (not taken from triage/data). Each test asserts the
behaviour the labelling guide asks for; a case the engine does not meet yet is marked
xfail(strict=True) with what it gives, so fixing the rules turns it into a pass.
"""

from __future__ import annotations

from typing import Any

import pytest

from triage.engine import assess

AT_LEAST_HIGH = ("high", "imminent")
AT_LEAST_MEDIUM = ("medium", "high", "imminent")


def gap(text: str, gives: str) -> Any:
    """A case the engine does not meet yet (gives: what it returns today)."""
    return pytest.param(text, marks=pytest.mark.xfail(strict=True, reason=f"engine gives {gives}"))


# --- imminent kinds: reach high or imminent ------------------------------------------------------

ACT_IN_PROGRESS = [
    "swallowed every tablet in the drawer half an hour ago",
    "the cord is round my neck and tied to the banister",
    "im on the edge of the multistorey roof rn",
    "sitting in the garage with the engine running and the door shut",
    "cut too deep and the bleeding wont stop",
    "took the whole box of my mums sleeping tablets",
    "already started, feeling really sleepy now",
    "さっき薬を全部飲んだ",
    "ドアノブにタオルをかけて首に巻いてる",
    "今、橋の欄干の外側に立ってる",
    "車の中で練炭に火をつけた",
    "血が止まらない、深く切りすぎた",
    "線路の近くにいる、次の電車で",
    "もう始めちゃった、眠くなってきた",
]


@pytest.mark.parametrize("text", ACT_IN_PROGRESS)
def test_an_act_in_progress_is_at_least_high_without_a_suicide_word(text: str) -> None:
    assert assess(text).tier in AT_LEAST_HIGH


GOODBYE = [
    "thank you for everything, goodbye forever",
    "pls tell my brother none of this was his fault",
    "this is the last thing ill ever write",
    "wanted one last chat with someone before i go",
    "love you all, sorry, bye for good",
    "今まで本当にありがとう、さようなら",
    "これが最後の連絡になります",
    "最後に誰かと話したくて",
    "お母さんに私のせいじゃないって伝えて",
    "みんな今までありがとう、ばいばい",
]


@pytest.mark.parametrize("text", GOODBYE)
def test_a_final_goodbye_is_at_least_high(text: str) -> None:
    assert assess(text).tier in AT_LEAST_HIGH


MEANS_AND_TIME = [
    "got the pills here and tonight is the night",
    "once everyone is asleep ill use the rope",
    "bought the charcoal, this weekend",
    # The rules find only the time; the model, sure beyond high_from_low, lifts it to high.
    "the car is ready and ill go when the house is quiet",
    "薬はある、今夜やる",
    "家族が寝たらロープを使う",
    "明日の朝、駅のホームから飛び込む",
    "練炭は買った、今週末",
]


@pytest.mark.parametrize("text", MEANS_AND_TIME)
def test_a_means_with_a_time_is_at_least_high(text: str) -> None:
    assert assess(text).tier in AT_LEAST_HIGH


# --- high kinds ------------------------------------------------------------------------------

PREPARATION = [
    "wrote letters for my family and put them in my desk",
    "gave my cat to my neighbour so shes looked after",
    "deleted all my accounts today",
    "been saving up my pills for weeks",
    "paid off everything so nobody has to deal with my debts",
    "遺書を書き終えた",
    "SNSのアカウントを全部消した",
    "薬をずっと貯めてる",
    "猫を友達にあげた、もう世話できないから",
    "身の回りのものを全部片付けた",
]


@pytest.mark.parametrize("text", PREPARATION)
def test_preparations_are_at_least_high(text: str) -> None:
    assert assess(text).tier in AT_LEAST_HIGH


SURFACE_FORMS = [
    "i want to unalive myself",
    "thinking bout the s word again",
    "i wanna k.m.s",
    "su!c!dal again tonight",
    "i want to dieeeee",
    "gonna take a permanent nap",
    "wanna kys",
    "もうｼﾞｻﾂしたいよ",
    "まじでタヒにたい",
    "もうしにてぇわ",
    "自殺したいｗ",
    gap("mou shinitai", "medium: 死にたい alone is read as a wish to be dead (passive)"),
    "jisatsu shitai yo",
]


@pytest.mark.parametrize("text", SURFACE_FORMS)
def test_euphemisms_and_disguised_spellings_of_ideation_are_at_least_high(text: str) -> None:
    assert assess(text).tier in AT_LEAST_HIGH


ACTIVE_IDEATION = [
    "i keep thinking about killing myself",
    "i want to end my life",
    "thinking of ending it all",
    "my suicidal thoughts are really bad today",
    "自殺したい",
    "もう終わりにしたい、死のうと思ってる",
    "自殺念慮が強い",
    "自殺のことばかり考えてる",
]


@pytest.mark.parametrize("text", ACTIVE_IDEATION)
def test_active_ideation_is_at_least_high(text: str) -> None:
    assert assess(text).tier in AT_LEAST_HIGH


SELF_HARM = [
    "cut myself again last night",
    "i burned my arm with a lighter earlier",
    "relapsed, used the blade again",
    "昨日またリスカした",
    "腕を切るのがやめられない",
    "さっき自分を殴った",
]


@pytest.mark.parametrize("text", SELF_HARM)
def test_current_self_harm_is_at_least_high(text: str) -> None:
    assert assess(text).tier in AT_LEAST_HIGH


RECENT_ATTEMPT = [
    "i overdosed last week and ended up in hospital",
    "tried to hang myself a few days ago",
    "attempted last month, still here",
    "先週ODして病院に運ばれた",
    "数日前に首を吊ろうとした",
    "先月自殺未遂した",
]


@pytest.mark.parametrize("text", RECENT_ATTEMPT)
def test_a_recent_attempt_is_at_least_high(text: str) -> None:
    assert assess(text).tier in AT_LEAST_HIGH


HARM_TO_OTHERS = [
    "im going to stab him tomorrow",
    "my dad said he would kill me and he has a knife",
    "got a knife and im going to hurt them at school friday",
    "明日あいつを刺す",
    "父親が包丁を持って殺すって言ってる",
    "彼氏に殺すって脅されてる",
]


@pytest.mark.parametrize("text", HARM_TO_OTHERS)
def test_danger_to_or_from_others_is_at_least_high(text: str) -> None:
    assert assess(text).tier in AT_LEAST_HIGH


# --- medium kinds ----------------------------------------------------------------------------

PASSIVE_IDEATION = [
    "i wish i could just not wake up",
    "they'd be better off without me",
    "whats the point of waking up",
    "honestly i just want to disappear",
    "もう消えたいな",
    "明日の朝が来なければいいのにな",
    "毎日生きてるのがしんどい",
    "どこかにいなくなりたい",
]


@pytest.mark.parametrize("text", PASSIVE_IDEATION)
def test_a_wish_to_be_dead_is_at_least_medium(text: str) -> None:
    assert assess(text).tier in AT_LEAST_MEDIUM


HOPELESSNESS = [
    "i cant see any way out of this",
    "im just a burden to everyone",
    "どこにも逃げ場がない",
    "家族に迷惑ばかりかけてる",
]


@pytest.mark.parametrize("text", HOPELESSNESS)
def test_hopelessness_is_at_least_medium(text: str) -> None:
    assert assess(text).tier in AT_LEAST_MEDIUM


NEGATION_THAT_KEEPS_RISK = [
    "i'm not going to do anything but i hope i don't wake up",
    "i wont do anything stupid, i just wish i was dead",
    "not gonna hurt myself but i want to disappear forever",
    "自殺はしないけど消えたい",
    "死なないけど、いなくなりたい",
    "何もしないけど、朝起きなければいいのに",
]


@pytest.mark.parametrize("text", NEGATION_THAT_KEEPS_RISK)
def test_a_negation_followed_by_a_wish_to_be_dead_is_still_risk(text: str) -> None:
    assert assess(text).tier in AT_LEAST_MEDIUM


THIRD_PERSON_AT_IMMINENT_RISK = [
    "my friend says she'll do it tonight, she has pills",
    "my boyfriend just texted goodbye and said hes going to jump",
    "my sister is on the bridge and says she will jump",
    "my friend told me she is going to kill herself tonight",
    "彼女が今夜死ぬって言ってる",
    "友達が薬を大量に飲んだって連絡してきた",
    "弟が今から飛び降りるってメッセージが来た",
    "友達が今から死ぬってLINEしてきた",
]


@pytest.mark.parametrize(
    "text",
    THIRD_PERSON_AT_IMMINENT_RISK,
)
def test_someone_else_at_imminent_risk_is_at_least_medium(text: str) -> None:
    assert assess(text).tier in AT_LEAST_MEDIUM


@pytest.mark.parametrize(
    "text",
    THIRD_PERSON_AT_IMMINENT_RISK,
)
def test_someone_else_at_imminent_risk_is_shown_as_their_risk(text: str) -> None:
    assert assess(text).about_other


HISTORY = [
    "i tried to kill myself years ago but im doing better now",
    "when i was 15 i attempted, that was a long time ago",
    "i used to self harm in school, not anymore",
    "何年も前に自殺未遂したことがある",
    "高校生の時にリスカしてた、今はしてない",
    "昔ODしたことがある",
]


@pytest.mark.parametrize("text", HISTORY)
def test_an_attempt_or_self_harm_years_ago_is_not_high(text: str) -> None:
    assert assess(text).tier not in AT_LEAST_HIGH


# --- low kinds ---------------------------------------------------------------------------------

LOOK_ALIKES = [
    "i was dying of laughter at that video",
    "this exam is going to kill me lol",
    "killing it at work this week",
    "my character died again in the last boss fight",
    "need rope and charcoal for the camping trip",
    "cut the onions really fine",
    "took my meds as prescribed this morning",
    "the bridge scene in that film was intense",
    "あの動画で死ぬほど笑った",
    "尊死した",
    "ゲームでボスに殺された",
    "キャンプ用に炭とロープ買った",
    "玉ねぎを細かく切った",
    "テストで死ぬかと思った",
    "いつもの薬を飲んだ",
]


@pytest.mark.parametrize("text", LOOK_ALIKES)
def test_figures_of_speech_and_everyday_look_alikes_are_never_high(text: str) -> None:
    assert assess(text).tier not in AT_LEAST_HIGH


EVERYDAY = [
    "hi is anyone there",
    "exams are stressing me out",
    "thanks, that helped, night!",
    "i feel so lonely lately",
    "ok last msg from me tonight, going to sleep now",
    "こんばんは、初めて使います",
    "テストがしんどい",
    "ありがとう、楽になりました",
    "バイトで疲れた",
    "寂しい",
]


@pytest.mark.parametrize("text", EVERYDAY)
def test_everyday_distress_and_greetings_are_low(text: str) -> None:
    assert assess(text).tier == "low"


PROTECTIVE = [
    "i'm not suicidal, just stressed",
    "i would never kill myself, my kids need me",
    "死にたいわけじゃないです、ちょっと疲れただけ",
    "自殺なんてしない、家族がいるから",
]


@pytest.mark.parametrize("text", PROTECTIVE)
def test_protective_statements_on_their_own_are_low(text: str) -> None:
    assert assess(text).tier == "low"
