"""Japanese triage rules, written from clinical categories (no labelled Japanese data exists).

Categories: 希死念慮 (passive), 自殺念慮 (active), 自殺の意図, 手段, 計画, 時期, 既往 (history),
自傷, 他害, 虐待・暴力, 孤立, 絶望, 保護因子. Patterns are Python regular expressions matched
on the original text; kana variants and net slang (タヒ, 氏ね) are written out. Japanese
negation is a suffix (死にたくない, 死ぬつもりはない), handled in NEGATION_SUFFIX below.
"""

# ruff: noqa: E501
# Rule patterns stay on one line each; full-width letters and digits are matched on purpose.

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

DIE = r"(?:死|し|タヒ|氏)"  # 死にたい, しにたい and the slang タヒにたい / 氏にたい
PILLS_JA = r"(?:薬|くすり|クスリ|睡眠薬|眠剤|睡眠導入剤|向精神薬|抗うつ薬|安定剤|市販薬|頭痛薬|風邪薬|錠剤)"
OD = r"(?:OD|ＯＤ|オーバードーズ|ODする|ＯＤする)"
COUNT = r"(?:[0-9０-９]{2,4}|[十百]|[二三四五六七八九]十)"  # two digits or more, or 十/百
WHEN_SOON = r"(?:今夜|今晩|今日|きょう|明日|あした|今から|いまから|これから|今週末|週末|夜中)"
# Not about the writer doing it: a scene, a dream, the news, other people (飛び降りる人).
NOT_SELF = r"(?!人|ひと|シーン|夢|映画|場面|事故|ニュース|動画|漫画|話)"
# Everyday farewells and thanks: leaving a job, a club, a share house; said to someone else.
EVERYDAY_FAREWELL = (
    r"(?:退職|転職|卒業|引退|引っ越し|異動|送別|バイト|部活|サークル|シェアハウス|ブログ|チャンネル|"
    r"配信|グループ|先輩|後輩|店長|先生|クラス|学校|会社|職場|また(?:ね|明日|来週|今度)|おやすみ|"
    r"楽しかった|すっきり|スッキリ|言えた|言ってやった|元カレ|元カノ|話せてよかった|お話しできて)"
)
# Writing a will or a farewell as homework, an ending note, a story.
WRITING_OK = r"(?:課題|授業|国語|宿題|ゼミ|エンディングノート|ドラマ|小説|映画|漫画|アニメ|シーン|場面|書き方|相続|終活|遺言書)"

RULES_JA: tuple[Rule, ...] = (
    # --- 希死念慮 (passive ideation) ------------------------------------------------------
    Rule(rf"{DIE}にたい", PASSIVE_IDEATION),
    Rule(r"(?:消え|きえ)(?:たい|てしまいたい|ちゃいたい)", PASSIVE_IDEATION),
    Rule(r"いなくなりたい|この世から(?:いなくなりたい|消えたい)", PASSIVE_IDEATION),
    Rule(
        r"生きて(?:い)?たくない|生きたくない|生きるのが(?:つらい|辛い|しんどい|嫌|いや|疲れた)",
        PASSIVE_IDEATION,
    ),
    Rule(
        r"目が覚めなければ|(?:朝が|明日が)来なければ|生まれてこなければ(?:よかった|良かった)",
        PASSIVE_IDEATION,
    ),
    Rule(
        r"死んだ(?:ほう|方)が(?:まし|マシ|楽|いい)|死ねたら(?:楽|いい)|楽になりたい",
        PASSIVE_IDEATION,
    ),
    Rule(r"死にたみ|しにたみ", PASSIVE_IDEATION),
    Rule(
        r"生まれて(?:こなきゃ|こなけりゃ|こない(?:ほう|方)が)(?:よかった|良かった)|(?:生まれ|産まれ)て(?:き|こ)たくなかった|(?:生まれ|産まれ)なければ(?:よかった|良かった)|産まれてこなければ(?:よかった|良かった)|生まれてきてごめん",
        PASSIVE_IDEATION,
    ),
    Rule(
        r"(?:消え|きえ)(?:て(?:なくなり|無くなり)たい|たくなる|たくて)|この世に(?:いたくない|居たくない|未練はない)",
        PASSIVE_IDEATION,
    ),
    Rule(
        r"(?:永遠に|ずっと永遠に)(?:眠りたい|眠っていたい|眠ってたい)|眠ったまま(?:死にたい|しにたい|起きたくない|目覚めたくない)|二度と目(?:が覚めなければ|を覚ましたくない|覚めたくない)",
        PASSIVE_IDEATION,
    ),
    Rule(r"生きる(?:の|こと)に(?:疲れた|つかれた|疲れ果てた)|生きてるのに疲れた", PASSIVE_IDEATION),
    # 負担感 (burdensomeness) imagining the writer gone: 私がいなくなっても誰も気にしない.
    Rule(
        rf"(?:(?:いなくなっ|居なくなっ|消え|きえ)ても|{DIE}んでも)(?:誰も|だれも|誰一人)(?:気にしない|気づかない|気付かない|悲しまない|困らない|(?:何|なん)とも思わない)",
        PASSIVE_IDEATION,
    ),
    Rule(r"殺して(?:ほしい|欲しい|くれ)", PASSIVE_IDEATION),
    # --- 自殺念慮 (active ideation) -------------------------------------------------------
    Rule(r"自殺(?:し|を)?(?:たい|しよう|を考え|を考えて|願望|念慮|するしかない)", ACTIVE_IDEATION),
    Rule(r"自殺したい|自殺しようと(?:思|考え)", ACTIVE_IDEATION),
    Rule(rf"{DIE}のうと(?:思|考え)", ACTIVE_IDEATION),
    Rule(
        rf"{DIE}ぬ(?:しかない|方法|ほうほう)|楽に{DIE}ねる|確実に{DIE}ねる|自殺(?:の)?方法",
        ACTIVE_IDEATION,
        weight=2.0,
    ),
    Rule(r"命を絶(?:ちたい|とう)|自ら命を|自分を殺し", ACTIVE_IDEATION),
    Rule(r"首を吊りたい|飛び降りたい|飛び込みたい", ACTIVE_IDEATION),
    Rule(
        r"(?:もう|全部|ぜんぶ|全て|すべて|何もかも|なにもかも|人生|自分の人生|命)を?(?:終わりにしたい|終わらせたい|おわりにしたい|おわらせたい)",
        ACTIVE_IDEATION,
    ),
    # 終わりにしたい alone may be a job or a relationship: risk only next to other risk.
    Rule(r"終わりにしたい|終わらせたい|おわりにしたい", ACTIVE_IDEATION, needs_risk=True),
    Rule(
        rf"{OD}したい|(?:飛び降り|首を吊|飛び込)ろ?うと(?:思|考え)(?!った|ってた|ていた)",
        ACTIVE_IDEATION,
    ),
    # --- 意図 (intent: a stated decision, or an act in progress) ----------------------------
    Rule(rf"{DIE}ぬ(?:つもり|気|ことにした|と決めた|って決めた)", INTENT, weight=2.0),
    # 決行 is also a birthday surprise or a trip to a concert.
    Rule(
        r"自殺(?:する)?(?:つもり|ことにした|すると決めた)|決行",
        INTENT,
        weight=2.0,
        benign=r"(?:ケーキ|誕生日|サプライズ|ライブ|遠征|推し|告白|ダイエット|大掃除|作戦会議|ゲーム|笑(?!え)|w$|ww|草|ｗ)",
    ),
    Rule(
        rf"(?:今から|これから|いまから|もうすぐ){DIE}(?:ぬ|にます|のう)|(?:今から|これから)(?:飛び降り|首を吊|飛び込)",
        INTENT,
        weight=2.0,
        acute=True,
    ),
    Rule(
        rf"{PILLS_JA}を(?:{COUNT}錠|全部|大量に|たくさん|いっぱい|一気に)(?:飲んだ|飲みました|飲んじゃった)",
        INTENT,
        weight=2.0,
        acute=True,
    ),
    Rule(
        r"(?:屋上|橋の上|線路|ホーム)に(?:いる|います|来た|来ました|立って)",
        INTENT,
        weight=2.0,
        acute=True,
    ),
    # 別れの言葉 (farewells). 今までありがとう in a crisis chat is a farewell; さようなら and
    # みんなありがとう are also everyday goodbyes (みなさんさようなら ends every school day),
    # so they count only next to other risk.
    Rule(
        r"(?:今まで|いままで)(?:本当に|ほんとうに|ほんとに)?ありがとう(?:ございました)?[。、！!\s]*(?:さようなら|さよなら)|(?:この世|世界|現世)(?:に|へ|よ)?[、\s]*(?:さようなら|さよなら)|永遠に(?:さようなら|さよなら)",
        INTENT,
        weight=2.0,
        acute=True,
        benign=EVERYDAY_FAREWELL,
    ),
    Rule(
        r"今までありがとう|いままでありがとう|今まで(?:本当に|ほんとうに|ほんとに)ありがとう",
        PLAN,
        weight=1.0,
        benign=EVERYDAY_FAREWELL,
    ),
    Rule(
        r"さようなら|さよなら|みんなありがとう|これでお別れ|最後のお別れ",
        PLAN,
        weight=1.0,
        needs_risk=True,
    ),
    # 今夜やる, 明日決行: "doing it" with a time, intent only next to other risk.
    Rule(
        rf"{WHEN_SOON}(?:に|こそ|で|は)?(?:やる|やります|やってやる|やっちゃう|実行する|実行します|決行する)(?!気|こと(?:に|が)(?:ある|多い))",
        INTENT,
        weight=2.0,
        needs_risk=True,
    ),
    Rule(
        r"(?:やる|実行する)(?:って|と)決めた|(?:もう)?やるしかない",
        INTENT,
        weight=2.0,
        needs_risk=True,
    ),
    Rule(
        rf"{WHEN_SOON}(?:こそ|に|は)?{DIE}(?:ぬ|にます|んでやる|のう)(?!かも|って|ほど|程|くらい|ぐらい|かと|気で|ような|ように)",
        INTENT,
        weight=2.0,
    ),
    Rule(
        r"(?:人生|命)を終わら(?:せる|せます|せよう|せることにした)|(?:全部|何もかも|すべて|全て)を?終わりにする",
        INTENT,
        weight=2.0,
    ),
    Rule(
        rf"(?:飛び降り|とびおり)(?:る|ます|てやる|るつもり|ることにした|るって決めた){NOT_SELF}|(?:線路|電車|ホーム|列車|踏切|トラック)(?:に|へ)(?:飛び込|とびこ)(?:む|みます|んでやる|むつもり|むことにした){NOT_SELF}|首を?(?:吊|つ)(?:る|ります|ってやる|るつもり|ることにした){NOT_SELF}",
        INTENT,
        weight=2.0,
        # A jump from an aircraft or a board (スカイダイビング, バンジー, 飛び込み台).
        benign=r"スカイダイビング|スカイダイブ|バンジー|パラシュート|パラグライダー|飛行機から|ヘリから|飛び込み台|プール|小説|映画|ドラマ|漫画|アニメ|ゲーム|犯人|主人公|シーン",
    ),
    Rule(
        rf"{OD}(?:する|します|してやる|するつもり|することにした)(?!人|の(?:は|が)危険)",
        INTENT,
        weight=2.0,
    ),
    Rule(
        rf"{PILLS_JA}を(?:{COUNT}錠|全部|ぜんぶ|全て|すべて|大量に|たくさん|いっぱい|一気に|まとめて)(?:一気に|まとめて)?(?:飲む|飲みます|飲んでやる|飲むつもり|飲むことにした)(?!よう|ように)",
        INTENT,
        weight=2.0,
    ),
    # The medicine named first, the intent a clause or a sentence later ("薬は全部手元に
    # ある。今夜、全部飲むつもり"); not the routine of taking a prescription, and not
    # when another thing is named between ("薬は嫌いだけど、ジュースは全部飲む").
    Rule(
        rf"{PILLS_JA}(?:は|が|も|を)?(?:(?!毎日|毎朝|毎晩|食後|処方|ちゃんと|忘れず|言われた|[はを？?\n])[^\n]){{1,30}}?(?<!ちゃんと)(?:全部|ぜんぶ|全て|すべて|まとめて)(?:一気に)?(?:飲む|飲みます|飲んでやる|飲むつもり|飲むことにした)(?!よう|ように|の[？?]|か[？?])",
        INTENT,
        weight=2.0,
    ),
    Rule(
        rf"{PILLS_JA}を(?:{COUNT}錠|全部|ぜんぶ|全て|すべて|大量に|一気に|まとめて)(?:飲みたい|飲んで{DIE}にたい|飲んで{DIE}のう)",
        ACTIVE_IDEATION,
    ),
    # --- 手段 (method and means) ------------------------------------------------------------
    Rule(r"首を?吊|首吊り|首つり|ロープ", METHOD_MEANS, weight=1.0),
    Rule(r"飛び降り|飛び込み|電車に飛び込|線路に", METHOD_MEANS, weight=1.0),
    Rule(
        r"練炭|硫化水素|ヘリウム",
        METHOD_MEANS,
        weight=2.0,
        # Charcoal for a barbecue or a camp, helium for balloons.
        benign=r"キャンプ|バーベキュー|BBQ|bbq|焼き?肉|焼き鳥|炭おこし|火おこし|さんま|魚を焼|七輪焼き|風船|バルーン|声(?:が|を)?変",
    ),
    Rule(rf"{PILLS_JA}を大量に|大量の{PILLS_JA}|大量服薬|{OD}|{COUNT}錠", METHOD_MEANS, weight=2.0),
    Rule(rf"{PILLS_JA}|屋上|包丁|ナイフ|カッター|刃物|橋から", METHOD_MEANS, weight=0.5),
    Rule("\U0001f48a+", METHOD_MEANS, weight=1.0),
    # --- 計画 (plan: preparations) -----------------------------------------------------------
    Rule(r"遺書", PLAN, weight=2.0, benign=WRITING_OK),
    Rule(
        rf"(?:{PILLS_JA})を(?:集めて|ためて|貯めて|溜めて)|(?:ロープ|練炭|縄)を(?:買った|買って|用意|準備)",
        PLAN,
        weight=2.0,
    ),
    # 風邪薬を買った is an errand; next to risk it is a preparation.
    Rule(rf"{PILLS_JA}を(?:買った|買って|用意|準備)", PLAN, needs_risk=True),
    # A last message before bed, a move or a new account is an ordinary sign-off.
    Rule(
        r"(?:最後の|お別れの)(?:手紙|メッセージ)",
        PLAN,
        weight=2.0,
        benign=r"(?:おやすみ|寝ます|寝るね|もう寝る|転勤|移行|新垢|別垢|ネット環境|落ち着いたら|担任|卒業|送別)",
    ),
    Rule(r"(?:家族|みんな|親|両親)(?:に|へ)(?:の)?手紙を書い", PLAN, needs_risk=True),
    Rule(
        r"(?:持ち物|私物|大事なもの|大切なもの|宝物|ペット)を(?:全部|すべて|全て)?(?:人に|友達に|妹に|弟に)?(?:あげた|譲った|配った|託した)",
        PLAN,
        weight=1.0,
    ),
    Rule(
        r"(?:場所|日にち|日|方法)(?:を|は|も)?(?:決めた|決めて|決まった)|身辺整理|準備(?:は|が)?(?:できた|できてる|してある)",
        PLAN,
        weight=1.0,
        # Ready for a trip, a concert, a move, a new start or an exam result.
        benign=r"(?:旅行|一人旅|旅|ライブ|コンサート|遠征|新生活|歯医者|引っ越|合否|発表|受験|卒業|ペンラ|出発|✈|キャンプ)",
    ),
    # --- 時期 (timeframe) --------------------------------------------------------------------
    Rule(
        r"今夜|今晩|今日|きょう|今から|いまから|これから|明日|あした|今すぐ|今週末|週末に|夜中に|朝までに",
        TIMEFRAME,
        context=False,
    ),
    Rule(
        r"(?:みんな|家族|親|両親)が(?:寝たら|寝た後|寝静まったら|出かけたら|いなくなったら)",
        TIMEFRAME,
        context=False,
    ),
    # --- 既往 (history) -----------------------------------------------------------------------
    Rule(r"自殺未遂|未遂", PRIOR_ATTEMPT, supersede=True, recent_escalates=True, context=False),
    Rule(
        rf"(?:{DIE}のう|自殺しよう|飛び降りよう|首を吊ろう)と(?:した|しました)",
        PRIOR_ATTEMPT,
        supersede=True,
        recent_escalates=True,
        context=False,
    ),
    Rule(
        rf"(?:リスカ|リストカット|自傷|{OD}|首を吊)(?:を|も)?(?:したことがある|したことある|してた|していた|してました|した時期)",
        PRIOR_ATTEMPT,
        supersede=True,
        context=False,
    ),
    Rule(
        rf"{OD}(?:した|しちゃった|しました)(?!こと|い)",
        PRIOR_ATTEMPT,
        supersede=True,
        recent_escalates=True,
        context=False,
    ),
    # --- 自傷 (self-harm) ----------------------------------------------------------------------
    # The word told about (its meaning, a class, a drama) or self-harm stopped long ago.
    Rule(
        r"リスカ|リストカット|アムカ|レグカ|自傷|自分を傷つけ|体を傷つけ",
        SELF_HARM,
        benign=r"(?:やめて[0-9一二三四五六七八九十]+(?:年|か月|ヶ月|カ月|日)|(?:って)?どういう意味|意味(?:は|を|が)|授業|保健|言葉|ドラマ|跡を隠す|メイク)",
    ),
    Rule(r"(?:腕|手首|足|太もも|体)を(?:切|傷つけ|焼)", SELF_HARM),
    # --- 他害 (harm to others) ----------------------------------------------------------------
    Rule(r"殺してやる|(?:を|も)殺したい|道連れ|刺してやる|ぶっ殺", HARM_TO_OTHERS),
    # --- 虐待・暴力 (abuse and violence against the writer) -------------------------------------
    Rule(
        r"虐待|暴力|DV|ＤＶ|殴られ|蹴られ|叩かれ|レイプ|性被害|性的虐待|襲われ|無理やり|いじめられ|いじめ",
        ABUSE_VIOLENCE,
    ),
    # --- 孤立 (loneliness and isolation) --------------------------------------------------------
    Rule(
        r"孤独|ひとりぼっち|一人ぼっち|独りぼっち|居場所がない|誰も(?:いない|わかってくれない|分かってくれない)|誰にも(?:相談できない|言えない|話せない)|(?:話せる|頼れる)人がいない|友達がいない|寂しい|さみしい",
        LONELINESS_ISOLATION,
    ),
    # --- 絶望 (hopelessness) --------------------------------------------------------------------
    Rule(
        r"絶望|希望がない|希望もない|未来がない|未来が見えない|生きる意味|生きてる意味|生きている意味|何をしても無駄|どうにもならない|もう限界|耐えられない|もう疲れた",
        HOPELESSNESS,
    ),
    Rule(r"消耗しきった|(?:私|僕|俺|自分)(?:なんて|なんか)いない(?:ほう|方)がいい", HOPELESSNESS),
    Rule(r"逃げ場がない|逃げ場もない|出口が見えない|八方塞がり|追い詰められて", HOPELESSNESS),
    # 負担感 (perceived burdensomeness). ご迷惑をおかけして (a polite apology) and
    # お荷物が届きました (a parcel) do not match.
    Rule(
        r"迷惑(?:を|ばかり|ばっかり|しか)(?:かけ|掛け)(?:て(?:ばかり|ばっかり|る|いる|ます|しまう|しまって)|続けて)|迷惑(?:ばかり|ばっかり|しか)(?:かけ|掛け)|(?:みんな|皆|家族|親|周り|周囲|まわり)に迷惑(?:を|ばかり|ばっかり|しか)?(?:かけ|掛け)(?:て|た)|生きてる(?:だけで)?迷惑|(?:存在|生きていること|生きてること)(?:自体)?が迷惑|迷惑な存在",
        HOPELESSNESS,
    ),
    Rule(
        r"(?:お荷物|足手まとい|厄介者|邪魔者|重荷)(?:でしかない|な存在|になってる|になっている|になってばかり|でごめん)|(?:家族|みんな|皆|親|周り|周囲|会社|チーム)の(?:お荷物|足手まとい|厄介者|重荷)(?:だ|です|でしかない|になって|なんだ|$)|(?:私|僕|俺|自分|あたし)(?:は|って|なんて|なんか)(?:ただの)?(?:お荷物|足手まとい|厄介者|邪魔者)",
        HOPELESSNESS,
    ),
    # --- 保護因子 (protective factors) ------------------------------------------------------------
    Rule(
        rf"{DIE}にたくない|{DIE}なない|{DIE}ぬつもりはない|{DIE}ぬ気はない|自殺(?:は|なんて|とか)?しない|生きたい|生きていたい|生きてたい",
        PROTECTIVE_FACTOR,
        context=False,
    ),
    Rule(
        r"(?:家族|子ども|子供|娘|息子|猫|犬|ペット)(?:のため|がいるから)|相談できる人がいる|カウンセラー|主治医",
        PROTECTIVE_FACTOR,
        weight=0.5,
    ),
    # --- 他者の危機 (someone else's risk) ----------------------------------------------------------
    Rule(
        r"(?:が|は)自殺した|自殺で亡くな",
        CONCERN_FOR_OTHER,
        weight=0.5,
        context=False,
        supersede=True,
    ),
    # --- 慣用表現 (idioms) -------------------------------------------------------------------------
    Rule(
        rf"{DIE}ぬ(?:ほど|程|くらい|ぐらい)|{DIE}ぬかと思|{DIE}ぬ気で|笑い{DIE}|{DIE}んだように|尊(?:すぎて|い)(?:死|し)|かわいすぎて(?:死|し)|{DIE}ねる(?:w|ｗ|笑)",
        IDIOM,
        supersede=True,
        context=False,
    ),
    Rule(r"必死", IDIOM, context=False),
    # "死にたいレベル" (a haircut gone wrong): a measure of embarrassment.
    Rule(rf"{DIE}にたい(?:レベル|れべる)", IDIOM, supersede=True, context=False),
    # "死ぬ死ぬ言いながら" (moaning through a deadline): a complaint, not a wish.
    Rule(rf"{DIE}ぬ{DIE}ぬ(?:って)?(?:言|い)(?:い|っ|う)", IDIOM, supersede=True, context=False),
    # A dose taken as usual or as prescribed (いつもの薬を飲んだ): medicine, not a means; the
    # model must not read 薬 + 飲んだ as an overdose. A quantity in between (全部, 10錠) is
    # not covered, so an overdose of the usual medicine still counts.
    Rule(
        r"(?:いつもの|毎日の|朝の|夜の|寝る前の|食後の|処方(?:された|の))(?:お)?(?:薬|くすり|クスリ)(?:を|は|も)?(?:ちゃんと)?(?:飲んだ|のんだ|飲みました|飲んでる|のんでる|飲んで寝)(?![^。\n]*(?:全部|ぜんぶ|残り|のこり|まとめて|箱|瓶|シート|ありったけ|大量))|(?:処方|指示|言われた)(?:通り|とおり)(?:に)?(?:薬を?)?(?:飲んだ|のんだ|飲んでる|のんでる|飲みました)(?![^。\n]*(?:全部|ぜんぶ|残り|のこり|まとめて|箱|瓶|シート|ありったけ|大量))",
        IDIOM,
        supersede=True,
        context=False,
    ),
    Rule(r"(?:雨天|小雨|荒天)決行", IDIOM, supersede=True, context=False),
)

# Japanese negates at the end: 死にたいとは思わない, 自殺するつもりはない, 死にたいわけじゃない.
NEGATION_SUFFIX = (
    r"(?:とは|とか|なんて|は|も|って|たりは|たりも|たりとか|りは|りも|りとか){0,2}(?:思わない|思ってない|思っていない|思いません|考えてない|"
    r"(?:思った|考えた|した)?こと(?:は|も)?(?:ない|無い|ありません)|"
    r"考えていない|ない|無い|ありません|しない|しません|わけじゃない|わけではない|訳じゃない|"
    r"ことはない|ことはありません|ゼロ|ぜろ|0|してない|していない|してません|しません|"
    r"(?:とか)?そういう(?:ん|の)じゃない|(?:とか)?そういうのではない|じゃない|ではない|じゃなく(?:て)?|ではなく(?:て)?|ちゃう|"
    r"(?:さらさら|全然|ぜんぜん|まったく|全く)(?:ない|ありません)|(?:気持ち|つもり|予定)(?:は|も)?(?:ない|ありません))"
)
# Subject cues: the nearest one before a phrase in its sentence decides whose risk it is.
FIRST_PERSON_JA = r"(?:私|わたし|あたし|僕|ぼく|俺|おれ|うち|自分|わたくし)(?:が|は|も|って)"
THIRD_PERSON_JA = (
    r"(?:友達|友だち|ともだち|友人|親友|彼氏|彼女|彼|母|父|母親|父親|お母さん|お父さん|ママ|パパ|"
    r"兄|姉|弟|妹|息子|娘|子ども|子供|夫|妻|旦那|嫁|同僚|先輩|後輩|クラスメイト|知り合い|あの人|"
    r"あいつ|誰か|家族|祖母|祖父|おばあちゃん|おじいちゃん)(?:が|は|も)"
)
PAST_MARKERS_JA = (
    r"昔|以前|前にも|前は|去年|一昨年|何年か前|[0-9０-９一二三四五六七八九十]+年前|"
    r"(?:中学|高校|小学|大学)(?:生)?の(?:時|とき|頃|ころ)|子供の頃|子どもの頃|若い頃"
)
CURRENT_MARKERS_JA = r"今|いま|最近|また|まだ|今日|今夜|さっき"
RECENT_MARKERS_JA = r"さっき|今|いま|今日|今夜|たった今|先ほど|ついさっき|少し前|ちょっと前|[0-9０-９一二三四五六七八九十]+(?:分|時間)前"
