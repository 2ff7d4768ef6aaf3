"""Feature ranges written in prose, and what looks like a range but is not one.

"age 0 to 100", "income: 20k-200k", "between 10 and 40", "[0, 1]", "min 0.5, max 3200", "0 <= x1 <= 1",
"±1e12", "is_electric 0/1": each becomes a `NamedRange` with the name written before it. A range is not a
feature's when the words around it say otherwise: a learning rate or a metric before it, "iterations" after
it, a target, the values after scaling, a change ("dropped from 68 to 54"), years. Dates, versions, layer
sizes, training logs and tracebacks are found here too, so they can be blanked out before the prose is read.
Kept apart from the entry module because this is the one part that judges context, and it changes most.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace

from explainer.chat.reading.number_words import _DIGITS, _SUFFIX_AT_END, _SUFFIXES, _WORD_VALUES, _Number, parse_number
from explainer.text import patterns

MAX_RANGES = 50  # ranges read from one message; a longer list is not a description of features

_CONNECTOR = patterns.compile(
    r"^\s*(?:%|°(?:\s?[cfk]\b)?|[a-z]{1,3}\b)?\s*"  # an optional short unit after the low end: "0 m to 2 m", "0% to 100%", "-30°C to 45°C"
    r"(?:-|–|—|~|\.\.\.?|…|to|thru|through|till|until|up\s+to|upto|down\s+to|to\s+about|to\s+around|to\s+roughly)\s*$",
    patterns.IGNORECASE,
)
_UNIT_WORDS = {"m", "cm", "mm", "km", "kg", "g", "s", "ms", "yr", "yrs", "usd", "eur", "ft"}
_BETWEEN = patterns.compile(r"\bbetween\s*$", patterns.IGNORECASE)
_AND = patterns.compile(r"^\s*(?:%|°(?:\s?[cfk]\b)?|[a-z]{1,3}\b)?\s*(?:and|&)\s*$", patterns.IGNORECASE)
# "[0, 1000]", "(-1e3; 5k)", and Python's floats with a bare point, "(-1., 1.)"
_BRACKET = patterns.compile(
    rf"[\[(]\s*(?P<low>[-+]?{_DIGITS}(?:[eE][-+]?\d+)?[kKM]?)\.?\s*[,;]\s*(?P<high>[-+]?{_DIGITS}(?:[eE][-+]?\d+)?[kKM]?)\.?\s*[\])]"
)
_NOT_FEATURE_AFTER = patterns.compile(
    r"^\s*(?:%\s*)?(?:iterations?|iters?|epochs?|steps?|updates?|features?|variables?|samples?|rows?|columns?"
    r"|layers?|neurons?|units?|times|x\b|fold|percent(?:age)?\s+(?:faster|slower|more|less|better|worse|of|speed|gain)"
    r"|seconds?|minutes?|hours?|normali[sz]ation|scal(?:ing|er)"
    r"|standardi[sz]ation|range\s+scaling|for\s+(?:the\s+)?(?:tanh|sigmoid|relu|activations?)"
    r"|(?:val(?:idation)?[\s_]|test[\s_]|train(?:ing)?[\s_])?(?:accuracy|acc|precision|recall|f1|auc))\b"  # "10% to 85% accuracy"
    # "layers of 15-20 elu units", "3-5 hidden layers": a network's size, one word between
    r"|^\s*(?:hidden|dense|conv\w*|lstm|gru|relu|elu|selu|gelu|tanh|sigmoid|linear|output|input|fc|recurrent)"
    r"\s+(?:layers?|neurons?|units?|nodes?)\b"
    # "+-0.1 starting range", "-0.5 to 0.5 random initial weights", "±0.05 uniform init"
    r"|^\s*(?:(?:random|uniform|normal|gaussian)\s+)?(?:starting|initial|init|initiali[sz]ation)"
    r"(?:\s+(?:range|values?|weights?|interval)\b|\b)"
    r"|^\s*\)\s*\.?\s*(?:foreach|map)\b",  # Scala's loop `(1 to 1000) foreach { i =>`: a count, not data
    patterns.IGNORECASE,
)
_HYPERPARAMETER_BEFORE = patterns.compile(
    r"(?:\b(?:learning[\s_-]?rates?|lrs?|step[\s_-]?sizes?|alpha|eta|batch[\s_-]?sizes?|epochs?|iterations?"
    r"|momentum|beta[12]?|lambda|seeds?|k|n_neighbou?rs|neighbou?rs|correlations?|corr|r|gamma|random[_\s]state"
    r"|test[_\s]size|dropout|lines?|versions?|python|sklearn|scikit[\s-]learn|tensorflow|tf|torch|pytorch|numpy"
    r"|pandas|keras|cuda|v|feature_range|max_iter\w*|n_iter\w*|n_estimators|max_depth|tol|n_epochs|num_epochs)\b|η|α|λ)"
    # "max_iter from the default 1000 to 2000": a setting changed, not data (never across a ";" or a question)
    r"[^\w;!?]*(?:(?:from|the|its|a|default|value|setting)[^\w;!?]+){0,3}(?:\w+[^\w;!?]+)?$",
    patterns.IGNORECASE,
)
_METRIC_BEFORE = patterns.compile(  # "accuracy went from 60% to 85%", "weights uniformly in [-1, 1]"
    r"\b(?:accuracy|acc|val_\w+|loss(?:es)?|errors?|mse|rmse|mae|r2|r²|auc|(?:f1|r2|accuracy|test|train|validation|val|cv)[_\s-]?scores?|precision|recall"
    r"|costs?|weights|init|initiali[sz]\w*|coef\w*|coefficients?|theta|parameters|params"
    r"|(?:hazard|odds|risk)\s+ratios?|p-?values?|(?:confidence|credible|prediction)\s+intervals?|CIs?)\b"
    r"[^\w;!?]*(?:\w+[^\w;!?]+){0,3}$",  # "… for the age coefficient; age spans 18 to 90": a new clause
    patterns.IGNORECASE,
)
SCALED_TO_WINDOW = 80  # characters before a range searched for "scaled … to" (up to eight words or ranges between)
_SCALED_TO_BEFORE = patterns.compile(
    r"\b(?:scal|normali[sz]|standardi[sz]|squash|squeez|map|rescal|transform|convert|bring|brought|put|clip|bound|want|need"
    r"|requir|expect|get)\w*"
    r"(?:\s+(?:[^\s.?!;]|\.\d)+){0,8}?\s+(?:to|into|onto|on|within|between|in(?:\s+the)?(?:\s+range)?(?:\s+of)?)"
    r"(?:\s+(?:a|an|the))?(?:\s+range(?:\s+of)?)?(?:\s+(?:roughly|about|around|approximately|approx\.?|~))?"
    r"(?:\s*[\[(][^\])\n]{1,30}[\])]\s*,?\s*(?:or|and)?)?\s*$",  # "normalized to [0,1] or [-1,1]": both chosen
    patterns.IGNORECASE,
)
_MIN_MAXED_TO_BEFORE = patterns.compile(
    r"\bmin[-/ ]?max(?:ed)?(?:\s+\w+){0,2}?\s+(?:to|into|onto)(?:\s+(?:a|an|the))?(?:\s+range(?:\s+of)?)?\s*$",
    patterns.IGNORECASE,
)
# "the values I get seem to be in [0, 255]": what the values are, said of values obtained, not a range wanted
_SEEM_TO_BE_IN = patterns.compile(
    r"\b(?:seems?|appears?|looks?|happens?)\s+to\s+(?:be|lie|sit|fall)\s+(?:in|within|between)\s*$", patterns.IGNORECASE
)


_WISH_OR_RESULT = patterns.compile(
    r"\b(?:so|such|now|then|after\w*|want\w*|need\w*|make\w*|wish\w*|would|should)\b", patterns.IGNORECASE
)


def _scaled_to(window: str) -> bool:
    """ "normalize them to [0, 1]", "get them into [0, 1]": a range wanted; but "the values I get seem to be in
    [0, 255]" says what values obtained hold (unless a wish or a result frames it: "so they appear to be in")."""
    if _MIN_MAXED_TO_BEFORE.search(window):
        return True  # "min-max to [0,1] then Ridge", "min-max them to [-1, 1]"
    if not _SCALED_TO_BEFORE.search(window):
        return False
    seem = _SEEM_TO_BE_IN.search(window)
    clause = _CLAUSE_END.split(window[: seem.start()])[-1] if seem else ""
    return not seem or bool(_WISH_OR_RESULT.search(clause))


# "if I change the input range to (-1,1) or (0,1)": where the values would land (only "to": a signal changes between
# -5 and 5; and not after "from": "changed the ages from 0-10 to 0-100" says what they are now)
_CHANGED_TO_BEFORE = patterns.compile(
    r"\b(?:chang|switch)\w*(?P<between>(?:\s+(?:[^\s.?!;]|\.\d)+){0,6}?)\s+to(?:\s+the\s+range(?:\s+of)?)?"
    r"(?:\s*[\[(][^\])\n]{1,30}[\])]\s*,?\s*(?:or|and)?)?\s*$",
    patterns.IGNORECASE,
)
# "shouldn't it be float32 in [-1, 1]?": the range a learner asks for, not what the values hold
_ASKED_FOR_BEFORE = patterns.compile(
    r"\bshould(?:n['’]?t|\s+not)?\s+(?:it|they|this|that|these|those)\s+be\s+(?:\w+\s+)?(?:in|between|within|to)"
    r"(?:\s+the\s+range(?:\s+of)?)?\s*$",
    patterns.IGNORECASE,
)
# "I converted the rest with value/max, so all of them now run from 0 to 100%": the converted values, again
_ALL_NOW_RUN_BEFORE = patterns.compile(
    r"\bso\s+(?:all|each|both)\s+of\s+them(?:\s+now)?\s+(?:runs?|spans?|go(?:es)?|lies?|sits?)\s+(?:from|between|in|within)\s*$",
    patterns.IGNORECASE,
)
# "do we rescale both to something like [-1, 1]?": a range to scale to, hedged
_RESCALED_TO_SOMETHING_LIKE = patterns.compile(
    r"\b(?:re)?(?:scal|normali[sz]|standardi[sz]|map|squash|bring)\w*(?:\s+\w+){0,3}?\s+(?:to|into)\s+something\s+like\s*$",
    patterns.IGNORECASE,
)
_SO_RESULT_BEFORE = patterns.compile(  # "divided by 255 so it's between 0 and 1": a result only after a transform
    r"(?:\bso\s+(?:that\s+)?(?:it|they|everything|all|each|both|the\s+\w+)|\b(?:and|then)\s+(?:now\s+)?everything)"
    r"(?:\s+now)?"
    r"(?:'s|'re|\s+is|\s+are|\s+lies?|\s+falls?|\s+sits?|\s+stays?|\s+ranges?)?(?:\s+now)?"
    r"\s+(?:all\s+)?(?:(?:roughly|about|around|approximately|somewhere)\s+)?(?:(?:between|in|within|to|into)\s*)?"
    r"(?:(?:the\s+|a\s+)?(?:range|interval)\s*(?:of\s*|from\s*)?)?$",
    patterns.IGNORECASE,
)
# "they set the unit to 0.1 mV to keep values mostly between -1 and 1": what the values are kept in, a purpose (but
# "is it fine to keep age between 18 and 90?" or "to keep them in 0-100" keeps a feature as it is)
_KEPT_WITHIN_BEFORE = patterns.compile(
    r"\bto\s+keep\s+(?:the\s+|all\s+)?(?:values?|numbers?|everything)(?:\s+(?:mostly|roughly|about|around|all))?"
    r"\s+(?:between|in|within)(?:\s+the\s+range(?:\s+of)?)?\s*$",
    patterns.IGNORECASE,
)
# What makes "so it's between 0 and 1" the result of scaling rather than what random or measured values are
_TRANSFORM_CUE = patterns.compile(
    r"scal|normali|standardi|divid|\w\s*/\s*[\w(]|map(?:s|ped|ping)?\b|transform|clip|subtract|\blog\b|sigmoid|tanh",
    patterns.IGNORECASE,
)
_RESULT_BEFORE = patterns.compile(  # "99% of the rows end up between 0 and 0.0001"
    r"\b(?:ends?\s+up|become|becomes|became|lands?|squash\w*|compress\w*|squeez\w*|turns?\s+into|turned\s+into"
    r"|to\s+(?:get|give|make|obtain|bring)(?:\s+\w+){0,2}?|(?:instead\s+of|rather\s+than)(?:\s+\w+){0,2}?)"
    r"(?:\s+(?:outside|beyond)\s+(?:that|the|this|its)\s+range\s*,?)?"  # "lands outside that range, roughly [-0.1, 1.2]"
    r"\s+(?:all\s+)?(?:(?:roughly|about|around|approximately|somewhere)\s+)?(?:(?:between|in|within|to|into)\s*)?"
    r"(?:the\s+range\s*(?:of\s*)?)?$",
    patterns.IGNORECASE,
)
_CHANGE_BEFORE = patterns.compile(  # "heart rate dropped from 68 to 54": a change, not a range
    r"\b(?:drop\w*|fell|fall\w*|decreas\w*|increas\w*|rose|rise\w*|rising|jump\w*|grew|grow\w*|went\s+(?:up|down)"
    r"|goes\s+(?:up|down)|improv\w*|climb\w*|rais\w*|lower\w*|reduc\w*|chang\w*|boost\w*|shrank|shrunk"
    r"|doubl(?:ed|ing)|tripl(?:ed|ing)|halv(?:ed|ing))(?:\s+\w+){0,3}?\s+from\s+(?:about\s+|around\s+|roughly\s+|~\s*)?$"
    # "if sales doubles from 100 to 200" (but not "features are doubles ranging from 0 to 1e6")
    r"|\b(?:doubles|triples|halves)\s+from\s+(?:about\s+|around\s+|roughly\s+|~\s*)?$",
    patterns.IGNORECASE,
)
# "the pixels are mapped from 0..255 to -1..1": the second range is what the first becomes; "they go from 0..255 to -1..1"
# only after a transform was named ("x/127.5 - 1", "normalization"), since "my features go from 0-1 to 0-10000" is two
_RANGE_TO_RANGE = (
    r"\s+(?:\w+\s+){0,2}?from\s+[\[(]?\s*-?\d[\d.,]*\s*(?:\.\.\.?|-|–|to|,)\s*-?\d[\d.,]*\s*[\])]?\s+(?:to|into|onto)\s+"
    r"(?:the\s+range\s+(?:of\s+)?)?[\[(]?$"
)
_FROM_RANGE_TO_BEFORE = patterns.compile(
    r"\b(?:maps?|mapped|mapping|turns?|turned|convert\w*|transform\w*|rescal\w*|scal(?:e|es|ed|ing)|normali[sz]\w*"
    r"|standardi[sz]\w*|squash\w*|bring\w*|brought)" + _RANGE_TO_RANGE,
    patterns.IGNORECASE,
)
# [0, 1], [-1, 1] or [-0.5, 0.5]: where scaled values land ("the pixels go from 0..255 to -1..1")
_SCALED_RANGE = patterns.compile(r"[\[(]?\s*(?:0|[-−]1|[-−]0?\.5)\s*(?:\.\.\.?|-|–|to|,)\s*\+?(?:1|0?\.5)\s*[\])]?")
_GO_FROM_RANGE_TO_BEFORE = patterns.compile(r"\b(?:go|goes|going|went|gone)" + _RANGE_TO_RANGE, patterns.IGNORECASE)
# "why prefer [-1, 1] over [0, 1]?": ranges to scale to, weighed against each other
_CHOSEN_BEFORE = patterns.compile(
    r"\b(?:prefer\w*|choos\w*|chose|pick\w*|opt\s+for)\s+$"
    r"|\b(?:prefer\w*|choos\w*|chose|pick\w*|opt\s+for)\s+\S+(?:\s+\S+){0,3}?\s+(?:over|instead\s+of|rather\s+than)\s+$",
    patterns.IGNORECASE,
)
_CHOICE_AFTER = patterns.compile(
    r"\s*[\])]?\s*(?:over|instead\s+of|rather\s+than|vs\.?|versus|or)\b", patterns.IGNORECASE
)
# "is [-1, 1] better than [0, 1]?", "[-0.5, 0.5] and not [0, 1]": bracketed intervals weighed against each other
# are where to scale to, not what a feature holds
_WEIGHED_WORDS = (
    r"(?:(?:is|are)\s+)?(?:(?:better|worse|faster|slower|safer)\s+than|over|instead\s+of|rather\s+than|vs\.?|versus|or"
    r"|and\s+not)\s+(?:to\s+|into\s+)?"
)
_WEIGHED_AGAINST_BEFORE = patterns.compile(  # "[0, 1] for min-max, or [-0.5, 0.5]": a few words may come between
    rf"[\])][^.?!\n\[\]()]{{0,30}}?\b{_WEIGHED_WORDS}[\[(]?\s*$", patterns.IGNORECASE
)
_WEIGHED_AGAINST_AFTER = patterns.compile(rf"\s*[\])]?\s*{_WEIGHED_WORDS}[\[(]", patterns.IGNORECASE)
_OUTPUT_VALUE_BEFORE = patterns.compile(
    r"\b(?:give|gives|giving|gave)\s+back|\b(?:return|returns|output|outputs|produce|produces|spits?\s+out|predicts?)"
    r"\s+(?:a|one|the|an)\s+(?:single\s+)?(?:\w+\s+)?(?:number|value|score|rating)s?\s+(?:between|from|in|of)\s*$",
    patterns.IGNORECASE,
)
_AFTER_SCALING = patterns.compile(
    r"\bafter\s+(?:\w+\s+){0,2}?(?:scal|normali[sz]|standardi[sz]|min[\s-]?max|StandardScaler|MinMaxScaler|z-?scor)"
    # "the scaled validation X has values from 7.5 to 8", "comes out nicely scaled from 0 to 1": values after scaling
    r"|\b(?:the|my|our|its|their|this|these)\s+(?:re)?(?:scall?ed|normali[sz]ed|standardi[sz]ed)\s+\w+"
    r"|\b(?:re)?(?:scall?ed|normali[sz]ed|standardi[sz]ed)\s+between\s*$",
    patterns.IGNORECASE,
)
# "comes out nicely scaled from 0 to 1": the values after scaling, unless a "to" follows ("scaled from [-10, 10] to
# [-1, 1]" names the raw range first)
_SCALED_FROM_BEFORE = patterns.compile(
    r"\b(?:re)?(?:scall?ed|normali[sz]ed|standardi[sz]ed)\s+from\s*$", patterns.IGNORECASE
)
_ONWARD_TO = patterns.compile(r"\s*(?:to|into|onto)\b", patterns.IGNORECASE)
_TO_A_RANGE = patterns.compile(
    r"\b(?:scal|normali[sz]|map|rescal|squash|transform|convert|bring|put)\w*\s+(?:\w+\s+){0,3}?(?:to|into|onto)\s+"
    r"(?:a\s+|the\s+|one\s+)?(?:fixed\s+|common\s+|standard\s+|given\s+|certain\s+|same\s+|small\s+)?"
    r"(?:range|interval)\s*(?:,|:|like|such\s+as|e\.g\.|with\s+\S+,?)\s*(?:[-+\d.,\s\[\]()]|\bor\b|\band\b){0,80}$",
    patterns.IGNORECASE,
)
_CLAUSE_END = patterns.compile(r"[.!?;:\n]\s|,?\s+(?:but|while|whereas)\s", patterns.IGNORECASE)
# "The 3 outputs are the trouble: one varies over 200-20000, the second over 100-300": a list after a colon whose
# clause names the target
_TARGET_LIST = patterns.compile(
    r"\b(?:outputs?|targets?|labels?|responses?)\b[^.!?;:\n]{0,60}:\s(?:[^.!?;:\n]|\n[^\n])*$", patterns.IGNORECASE
)
_RAW = patterns.compile(r"\b(?:raw|original|unscaled|before\s+scaling)\b", patterns.IGNORECASE)
_EACH_BEFORE = patterns.compile(  # "four questions, each answered on a 1 to 5 scale": four equal ranges
    r"\b(?P<count>\d{1,2}|two|three|four|five|six|seven|eight|nine|ten|twelve)\s+(?:\w+\s+){0,2}?"
    r"(?:questions|features|columns|inputs|variables|items|attributes|sensors|predictors)\b[,;:]?\s+(?:each|all)\b"
    r"(?:\s+\w+){0,5}?\s*$",
    patterns.IGNORECASE,
)
# "height, weight and age each range over 0 to 100", "x1, x2 and x3 all lie in [0, 1]": one range per name listed
_LISTED_NAME = r"[A-Za-z_][\w.-]{0,30}"
_EACH_NAMED_BEFORE = patterns.compile(
    rf"\b(?P<names>{_LISTED_NAME}(?:\s*,\s*{_LISTED_NAME})*\s*,?\s*(?:and|&)\s+{_LISTED_NAME})\s*,?\s+(?:each|all)\b"
    r"(?:\s+\w+){0,5}?\s*$",
    patterns.IGNORECASE,
)
_LISTED_SEPARATOR = patterns.compile(r"\s*,\s*(?:(?:and|&)\s+)?|\s+(?:and|&)\s+", patterns.IGNORECASE)
_FOR_THE_OTHERS_AFTER = patterns.compile(
    r"^\s*for\s+(?:the\s+|all\s+(?:the\s+)?)?(?:rest|others|other\s+\w+|remaining\b\s*\w*)\b", patterns.IGNORECASE
)
# "y = 2x (0, 2, …, 198)": the values of a target written as a formula of the input, right after it
_TARGET_FORMULA_BEFORE = patterns.compile(
    r"\b(?:y|ys|y_\w+|targets?|labels?)\s*=\s*[\d\s.*/+\-x()]{0,16}$", patterns.IGNORECASE
)
_TARGET_CONTEXT = patterns.compile(
    r"\b(?:predict\w*|targets?|labels?|outputs?|response|dependent|ground[\s-]?truths?|y(?:_\w+)?)\b\s*(?:[^=\s]|$)",  # not "y = …"
    patterns.IGNORECASE,
)
_TARGET_WORD = patterns.compile(  # the target named in words; a bare "y" may be an input ("x and y both 0-1")
    r"\b(?:predict\w*|targets?|labels?|outputs?|response|dependent|ground[\s-]?truths?)\b", patterns.IGNORECASE
)
# "everything, data and labels, is in 0..1", "inputs and outputs are both 0-1": the data's range with the target's
_DATA_NOUNS = r"(?:data|inputs?|features?|predictors?)"
_TARGET_NOUNS = r"(?:labels?|targets?|outputs?|responses?)"
# what a list of names may not hold: the target, a model's weights, or a split ("train, val and test all in [0, 1]")
_NOT_LISTED = patterns.compile(
    rf"{_TARGET_NOUNS}|y|class(?:es)?|predictions?|weights|biases|train|test|val|valid|validation|dev|holdout",
    patterns.IGNORECASE,
)
_DATA_WITH_TARGET = patterns.compile(
    rf"\b(?:{_DATA_NOUNS}\s*(?:,|and|&|plus|as\s+well\s+as)\s*(?:the\s+|their\s+|its\s+)?{_TARGET_NOUNS}"
    rf"|{_TARGET_NOUNS}\s*(?:,|and|&|plus|as\s+well\s+as)\s*(?:the\s+|their\s+|its\s+)?{_DATA_NOUNS})\b",
    patterns.IGNORECASE,
)
# "the testing subjects (11 to 23)", "columns 1-3 are", "lesson 11-3": which ones, numbered, not a feature's values
_IDENTIFIERS_BEFORE = patterns.compile(
    r"\b(?:(?:the|held-out|testing|test|training)\s+subjects|participants?\s+(?:#|nos?\.?|ids?)|ids?|indices|folds?"
    r"|lessons?|chapters?|sections?|lectures?|exercises?|modules?|problems?|tasks?)"
    r"\s*(?:\(|#|nos?\.?|numbers?)?\s*$",
    patterns.IGNORECASE,
)
# 'Columns 1-3 are "year, revenue, cost"': which columns, when a naming verb follows the range
_COLUMNS_BEFORE = patterns.compile(r"(?:^|[.!?\n]\s*)columns?\s*$", patterns.IGNORECASE)
_NAMING_AFTER = patterns.compile(r"^\s*(?:are|is|=|:)")
_WEIGHT_WORD = patterns.compile(  # "the weights start as random values between": an initialization, not data
    r"\b(?:weights|biases)\s+(?:\w+\s+){0,3}?(?:start\w*|init\w*|drawn|sampled|set|random\w*)|\binitiali[sz]\w*|\binit\b",
    patterns.IGNORECASE,
)
_BY_TRANSFORMING_AFTER = patterns.compile(
    r"\s*by\s+(?:dividing|scaling|rescaling|subtracting|normali[sz]ing|standardi[sz]ing|mapping|min-?max)\b",
    patterns.IGNORECASE,
)
_ACTIVATION_OUTPUT_BEFORE = patterns.compile(
    r"\b(?:sigmoids?|logistic(?:\s+(?:function|curve|unit)s?)|tanh|softmax|activations?)"
    r"(?:\s+(?:functions?|layers?|units?|neurons?))?\s+(?:(?:only|just|always|will|can|should|still|also|then)\s+)?"
    r"(?:produces?|outputs?|gives?|returns?|squash\w*|(?:maps?|squeezes?)\s+(?:\w+\s+)?(?:to|into)|is\s+bounded\s+(?:to|in))\s+"
    r"(?:(?:only|values?|outputs?|numbers?|probabilities|everything|in|within|between|from|to|the|a|range|of|interval)"
    r"\s+){0,4}[(\[]?\s*$",
    patterns.IGNORECASE,
)
_FEATURE_CONTEXT = patterns.compile(
    r"\b(?:features?|inputs?|columns?|predictors?|variables?|x\d*)\b", patterns.IGNORECASE
)


# A unit after "in": a run of these characters that is not the word "the" or "range" ("in the range (0-5)"
# names no unit), what the lookahead (?!the\b|range\b) said, spelled without lookaround for RE2.
_UNIT_CHARACTER = "[A-Za-z/$€£%²³]"
_UNIT = (
    rf"(?:[A-Za-qsu-z/$€£%²³]{_UNIT_CHARACTER}*"
    rf"|t(?:[A-Za-gi-z/$€£%²³]{_UNIT_CHARACTER}*)?|th(?:[A-Za-df-z/$€£%²³]{_UNIT_CHARACTER}*)?"
    rf"|the[A-Za-z²³]{_UNIT_CHARACTER}*"
    rf"|r(?:[A-Zb-z/$€£%²³]{_UNIT_CHARACTER}*)?|ra(?:[A-Za-mo-z/$€£%²³]{_UNIT_CHARACTER}*)?"
    rf"|ran(?:[A-Za-fh-z/$€£%²³]{_UNIT_CHARACTER}*)?|rang(?:[A-Za-df-z/$€£%²³]{_UNIT_CHARACTER}*)?"
    rf"|range[A-Za-z²³]{_UNIT_CHARACTER}*)"
)
_NAME_BEFORE = patterns.compile(
    r"(?P<name>[A-Za-z_][\w']*(?:\s+[A-Za-z_][\w']*)?)[*_\"'`’]*\s*"
    rf"(?:(?:in|measured\s+in)\s+{_UNIT}\.?\s*)?"  # "mileage in km (0-300k)": the unit is not the name
    r"(?:\([A-Za-z$€£%°/ ]{1,15}\)\s*)?"  # "age (years): 0 to 100": nor is a unit in brackets
    r"(?:(?:is|are|was|were|goes|go|went|runs?|ran|ranges?|ranging|varies|vary|spans?|spanning|lies|lie|sits|takes|values?)\s+)*"
    r"(?:(?:from|between|in|within|of|over)\s+)?(?:the\s+range\s+(?:of\s+)?)?(?:[:=(]|∈)?\s*$"
)
_NAME_STOPWORDS = frozenset(
    """
    a an the my our your its their one other others another some few feature features variable variables
    input inputs column columns value values range ranges ranging go goes going went is are was were be
    being been from between in of to with and or but while whereas has have had like e g eg ie i we you
    run runs ran somewhere anywhere everywhere already currently
    it they that this these those which first second third fourth last then also only all both each vary
    varies varying spans span spanning lies lie sits roughly about around approximately data dataset set
    when where if so say let lets for example instance x y numbers number scale scales scaled magnitude
    order at normalize normalise standardize standardise use get got into onto why whose who on within
    inside am not do does did them than what how rest remaining many most now still just as up down
    small large big huge tiny thing things stuff ones kind type something int ints integer integers float floats
    raw original unscaled scaled actual real typical numeric positive negative whole usd eur gbp dollars euros
    two three four five six seven eight nine ten several attribute attributes predictor predictors field fields
    col cols dimension dimensions dims parameter parameters gets tanh relu sigmoid
    convert converts look looks seem seems give gives feed feeds pass passes put puts expect expects take takes
    send sends map maps left leave leaves kept keep keeps stay stays remain remains deal over under prefer than
    instead rather choose chooses chose pick picks arrive arrives come comes
    fall falls fell falling lying sitting continuous discrete out outside using uses used
    """.split()  # noqa: SIM905 - a word list reads better as text
)
_LETTERED = frozenset({"feature", "column", "col", "variable", "input", "predictor", "attribute"})
_GENERIC_VARIABLES = frozenset(
    (
        "x",
        "data",
        "values",
        "arr",
        "array",
        "a",
        "points",
        "feature",
        "features",
        "inputs",
        "input",
        "df",
        "vals",
        "lst",
        "nums",
        "numbers",
        "sample",
        "samples",
        "col",
        "column",
        "tmp",
    )
)
_NOISE = (
    # the context a lookbehind or lookahead checked is matched around the group `match` (explainer/text/patterns.py)
    patterns.compile(r"(?:^|[^\w.])(?P<match>\d{4}(?:-\d{1,2}-|/\d{1,2}/|\.\d{1,2}\.)\d{1,2})(?:\D|$)"),  # 2019-01-01
    patterns.compile(r"(?:^|[^\w.])(?P<match>\d{1,2}(?:-\d{1,2}-|/\d{1,2}/|\.\d{1,2}\.)\d{2,4})(?:\D|$)"),  # 12/01/2022
    patterns.compile(r"(?:^|[^\w.:])(?P<match>\d{1,2}:\d{2}(?::\d{2})?)(?:[^\d:]|$)"),  # 12:30
    patterns.compile(r"(?:^|[^\w.])(?P<match>\d+\.\d+\.\d+[\w.]*)"),  # version 1.2.3
    patterns.compile(r"(?:^|[^\w.-])(?P<match>\d+(?:\.\d+)?(?:-\d+(?:\.\d+)?){2,})(?:[^\w.]|$)"),  # layers 128-64-32
    patterns.compile(r"https?://\S+"),
    # phone numbers, but not the digits of "0.984375-1000.0", a range whose low end has six decimals
    patterns.compile(
        r"(?:^|[^\w.])(?P<match>(?:\+\d{1,3}\s?)?\(?\d{3}\)?[\s.-]?\d{3}[-.]\d{4})(?:$|[^\w.]|\.(?:$|\D))"
    ),
)
_LOG_LINE = patterns.compile(
    r"\d+m?s/step|\[=+|\bEpoch\s+\d+/\d+|^\s*File \"|Traceback \(most recent", patterns.MULTILINE
)
_LOOSE_NUMBER = r"[-+]?[$€£]?\d+(?:,\d{3})*(?:\.\d+)?(?:[eE][-+]?\d+)?[kKMB%]?"
_MIN_MAX = patterns.compile(
    rf"\bmin(?:imum)?\b(?:\s+value)?\s*(?:is|was|of|=|:|≈|~|at)?\s*(?P<low>{_LOOSE_NUMBER})"
    rf"(?P<gap>[^\d\n]{{0,30}}?)\bmax(?:imum)?\b(?:\s+value)?\s*(?:is|was|of|=|:|≈|~|at)?\s*(?P<high>{_LOOSE_NUMBER})",
    patterns.IGNORECASE,
)
_MAX_MIN = patterns.compile(
    rf"\bmax(?:imum)?\b(?:\s+value)?\s*(?:is|was|of|=|:|≈|~|at)?\s*(?P<high>{_LOOSE_NUMBER})"
    rf"(?P<gap>[^\d\n]{{0,30}}?)\bmin(?:imum)?\b(?:\s+value)?\s*(?:is|was|of|=|:|≈|~|at)?\s*(?P<low>{_LOOSE_NUMBER})",
    patterns.IGNORECASE,
)
# a summary table's row, each figure labelled after it: "12.56 (avg) | 9.02 (Std) | 1 (min) | 53 (max)"
_VALUE_THEN_MIN_MAX = patterns.compile(
    rf"(?:^|[^\w.])(?P<low>{_LOOSE_NUMBER})\s*[(\[]\s*min(?:imum)?\s*[)\]]\s*[|,;/]?\s*"
    rf"(?P<high>{_LOOSE_NUMBER})\s*[(\[]\s*max(?:imum)?\s*[)\]]",
    patterns.IGNORECASE,
)
_BETWEEN_SIGNS = patterns.compile(  # "0 <= x1 <= 1", "100 < income < 10k"
    rf"(?:^|[^\w.])(?P<match>(?P<low>{_LOOSE_NUMBER})\s*(?:<=?|≤)\s*(?P<name>[A-Za-z_]\w{{0,30}})\s*(?:<=?|≤)\s*"
    rf"(?P<high>{_LOOSE_NUMBER}))"
)
_BINARY = patterns.compile(r"(?:^|[^\w./])(?P<match>0\s?/\s?1)(?:$|[^\w/%.]|\.(?:$|\D))")  # "is_electric 0/1"
# "the other planes only ever hold values of 0 and 1", "either 0 or 1", "0s and 1s"
_BINARY_IN_WORDS = patterns.compile(
    r"\b(?:values?\s+(?:of\s+)?|either\s+)0\s+(?:and|or)\s+1\b(?:$|[^.,\d]|[.,](?:$|\D))|\b0s\s+and\s+1s\b",
    patterns.IGNORECASE,
)
# Several named flags in one breath: "smoker and married are both binary", "is_new, has_pool and garage are 0/1",
# "two binary features (smoker, married)": each name is a 0..1 feature of its own.
_FLAG_NAME = r"[A-Za-z_][\w-]{0,30}"
_FLAG_NAMES = rf"(?P<names>{_FLAG_NAME}(?:\s*(?:,\s*(?:and\s+)?|and\s+|&\s*){_FLAG_NAME}){{1,8}})"
_FLAG_WORD = (
    r"(?:binary|boolean|bool|dummy|dummies|0\s?/\s?1|(?:either\s+)?0\s+or\s+1|0s\s+and\s+1s|one-hot(?:\s+encoded)?)"
)
_BINARY_NAMED = (
    patterns.compile(
        rf"\b(?:both\s+)?{_FLAG_NAMES}\s+(?:are|were)\s+(?:both\s+|all\s+|just\s+|simply\s+|only\s+)?{_FLAG_WORD}"
        r"(?:$|[^\w/])",
        patterns.IGNORECASE,
    ),
    patterns.compile(
        rf"\b{_FLAG_WORD}\s+(?:features?|variables?|columns?|flags?|inputs?|predictors?)\b\s*(?:\(|:|,|like|such\s+as)?"
        rf"\s*{_FLAG_NAMES}",
        patterns.IGNORECASE,
    ),
)
# What a model predicts or is fed whole, not a feature: "the labels and predictions are 0/1"
_FLAG_GENERIC = frozenset(
    [
        "target",
        "targets",
        "label",
        "labels",
        "output",
        "outputs",
        "y",
        "class",
        "classes",
        "prediction",
        "predictions",
        "mask",
        "masks",
        "weight",
        "weights",
        "image",
        "images",
        "pixel",
        "pixels",
        "answer",
        "answers",
    ]
)
_FLAG_SEPARATOR = patterns.compile(r"\s*(?:,\s*(?:and\s+)?|\band\s+|&\s*)", patterns.IGNORECASE)


_MIN_WORD = patterns.compile(r"\bmin", patterns.IGNORECASE)
_MAX_WORD = patterns.compile(r"\bmax", patterns.IGNORECASE)
# Angles in multiples of π ("heading from -2π to 2π", "[-pi, pi]", "0 to 2*pi", "-π/2..π/2"): a feature's range in
# radians, read as numbers; each end a multiple of π, or zero
_PI_END = r"(?:[-−+]?\s*(?:\b\d+(?:\.\d+)?\s*\*?\s*)?(?:π|\bpi\b)(?:\s*/\s*\d+)?|\b0(?:\.0+)?\b)"
_PI_RANGES = (
    patterns.compile(
        rf"[\[(]\s*(?P<low>{_PI_END})\s*(?:,|;|to|-|–|\.\.\.?)\s*(?P<high>{_PI_END})\s*[\])]", patterns.IGNORECASE
    ),
    patterns.compile(rf"(?P<low>{_PI_END})\s*(?:to|-|–|\.\.\.?)\s*(?P<high>{_PI_END})(?:$|[^\w])", patterns.IGNORECASE),
    patterns.compile(rf"\bbetween\s+(?P<low>{_PI_END})\s+and\s+(?P<high>{_PI_END})(?:$|[^\w])", patterns.IGNORECASE),
)
_PLUS_MINUS = patterns.compile(r"(?:±|\+/-|\+-)\s*(?P<value>\d+(?:,\d{3})*(?:\.\d+)?(?:[eE][-+]?\d+)?[kKMB]?)")


@dataclass(frozen=True)
class NamedRange:
    """One feature range from the text, with the name written before it if there was one."""

    low: float
    high: float
    name: str | None = None
    start: int = 0  # character position in the cleaned text
    end: int = 0
    source: str = (
        "text"  # "text", "numpy" (a NumPy/torch call), "list" (pasted values), "describe" (pandas), "binary" (0/1)
    )


_VECTOR_REACH = 40  # characters between a vector and a bracketed pair read as another vector


def _ranges(text: str, numbers: list[_Number], unmasked: str | None = None) -> tuple[list[NamedRange], set[int]]:
    """Ranges written in prose or brackets; also the start positions of the numbers they used.

    `unmasked` is the same text before code and noise were blanked (same positions): "divide everything by 255 so
    it's between 0 and 1" keeps its transform there after the division itself was read and blanked.
    """
    spans: list[tuple[int, int, float, float]] = []
    vectors: list[int] = []  # where "(2000, 3)" or "[1, 0]" stand: a shape or a vector, not a range
    for match in _BRACKET.finditer(text):
        low, high = parse_number(match["low"]), parse_number(match["high"])
        if low is not None and high is not None and low > high and float(low).is_integer():
            vectors.append(match.start())
        elif low is not None and high is not None:
            spans.append((match.start(), match.end(), low, high))
    # "male is [1, 0] and female [0, 1]": beside a vector, a bracketed pair is another vector
    spans = [span for span in spans if not any(abs(span[0] - at) <= _VECTOR_REACH for at in vectors[:MAX_RANGES])]
    for match in _IN_COLON_BRACKET.finditer(text):
        low, high = parse_number(match["low"]), parse_number(match["high"])
        # "for i in [0:10]", "the layers in [0:5]": a count or a setting, as for any prose range
        if (
            low is not None
            and high is not None
            and not _NOT_PROSE_RANGE_BEFORE.search(text[max(0, match.start() - 40) : match.start()])
        ):
            spans.append((match.start("bracket"), match.end("bracket"), low, high))
    spans.sort()
    bracketed = [(start, end) for start, end, _, _ in spans]
    used: set[int] = set()
    index, cursor = 0, 0
    while index < len(numbers) - 1:
        first, second = numbers[index], numbers[index + 1]
        while cursor < len(bracketed) and bracketed[cursor][1] <= first.start:
            cursor += 1
        if cursor < len(bracketed) and bracketed[cursor][0] <= first.start:
            used.add(first.start)
            index += 1
            continue
        between = text[first.end : second.start]
        if between == "-" and ("**" in first.text or "^" in first.text):
            index += 1  # "2**32-1", "2^16-1": one number, written as an expression
            continue
        # "0.0769  -1.0058" in pasted columns: a wide gap, then a minus sign on the next number, is not a range's dash
        negative_in_a_column = patterns.fullmatch(r"(?:\s{2,}|\t\s*)-", between) is not None and _numbers_around(
            text, first.start, second.end
        )
        # "shifted, e.g. -2,3,5,6 to 0,5,7,8": one list of values mapped to another, not a range from 6 to 0
        listed = _LIST_BEFORE.search(text[max(0, first.start - 40) : first.start]) is not None
        joined = _CONNECTOR.match(between) and _unit_ok(between) and not negative_in_a_column and not listed
        betweened = _BETWEEN.search(text[max(0, first.start - 12) : first.start]) and _AND.match(between)
        if joined or betweened:
            spans.append((first.start, second.end, _shared_suffix(first, second), second.value))
            used.update((first.start, second.start))
            index += 2
            continue
        index += 1
    ranges: list[NamedRange] = []
    rejected: set[tuple[float, float]] = set()
    for start, end, low, high in sorted(spans)[: 4 * MAX_RANGES]:
        if len(ranges) >= MAX_RANGES:
            break
        pair = (min(low, high), max(low, high))
        if low == high or pair in rejected or not _is_feature_range(text, start, end, unmasked):
            rejected.add(pair)  # "scaled to -3..3 … is -3..3 fine?": the same values again are not a feature
            continue
        name = None if _FOR_THE_OTHERS_AFTER.match(text[end : end + 30]) else _name_before(text, start)
        if (
            name is not None
            and patterns.fullmatch(_TARGET_NOUNS, name, patterns.IGNORECASE)
            and _said_of_data_and_target(_own_clause(_CLAUSE_END.split(text[max(0, start - 300) : start])[-1]))
        ):
            name = None  # "the data and labels are all in 0..1": the data's range too, not named for the labels
        years = all(value.is_integer() and 1900 <= value <= 2100 for value in (low, high))
        if years and not patterns.search(r"year|built|born|founded|date", name or "", patterns.IGNORECASE):
            continue  # "readings (2019-2023)": years, a time span
        low, high = min(low, high), max(low, high)
        ranges.extend(_each(text, NamedRange(low, high, name, start, end)))
    return ranges, used


# two plain values of a comma-separated list just before a number ("-2,3,5,6"), with no range's dash among them
# (a second value glued to its comma with three digits is a thousands group: "0 to 1,000, 5 to 10")
_LIST_BEFORE = patterns.compile(
    r"(?:^|[^\w.\-–])[-+]?\d+(?:\.\d+)?\s*,(?:\s+[-+]?\d+(?:\.\d+)?|[-+]?(?:\d{1,2}|\d{4,})(?:\.\d+)?)\s*,\s*$"
)
_PROSE = ("text", "sequence")  # sources written in words, not code or pasted data


def _once(text: str, ranges: list[NamedRange]) -> list[NamedRange]:
    """A range said again in a later sentence ("between 0 and 255 … the raw 0-255 values") is the same feature."""
    kept: list[NamedRange] = []
    seen: dict[tuple[float, float], int] = {}  # a range's values → its place in `kept`, kept in step with it
    for item in ranges:
        place = seen.get((item.low, item.high))
        earlier = kept[place] if place is not None else None
        repeated = earlier is not None and item.start >= earlier.end and _same_name(item.name, earlier.name)
        between = text[earlier.end : item.start] if earlier is not None else ""
        same_line_comment = earlier is not None and "\n" not in between and item.source != earlier.source
        # "x = 0, 1, …, 99" in the prose and `xs = list(range(100))` in the code below it: one feature, said twice
        prose_then_code = (
            earlier is not None
            and item.start >= earlier.end
            and earlier.source in _PROSE
            and item.source not in _PROSE
            and (earlier.name is None or item.name is None or item.name.lower().startswith(earlier.name.lower()))
        )
        # a pasted table's "column 2", then "the other is 200 to 300" below it: one feature, now with the post's words;
        # `np.arange(100)`, then "using 0..99 instead": the same
        code_then_prose = (
            earlier is not None
            and item.start >= earlier.end
            and earlier.source in ("list", "numpy")
            and item.source in _PROSE
            and (earlier.name is None or patterns.fullmatch(r"column \d+", earlier.name) is not None)
        )
        if code_then_prose and item.name is not None and place is not None and earlier is not None:
            kept[place] = replace(earlier, name=item.name)
        # `x_data = np.random.rand(100)`, then "if I change that line to x_data = np.arange(100)": one variable
        # assigned again, so one feature, as the later assignment has it
        reassigned = next(
            (
                index
                for index, other in enumerate(kept)
                if item.source == other.source == "numpy" and item.name and item.name == other.name
            ),
            None,
        )
        if reassigned is not None:
            seen = {values: index for values, index in seen.items() if index != reassigned}
            kept[reassigned] = item
            seen[(item.low, item.high)] = reassigned
            continue
        if (
            prose_then_code
            or code_then_prose
            or (repeated and (same_line_comment or patterns.search(r"[.!?](?:\s|$)", between)))
        ):
            continue  # said again later, or as a comment on code (`torch.rand(100, 1) * 10  # between 0 and 10`)
        seen[(item.low, item.high)] = len(kept)
        kept.append(item)
    return kept


_WHERE_FROM = frozenset({"image", "raw", "input", "original", "pixel", "the", "my", "all", "its", "their"})
LINE_WINDOW = 200  # characters each side of a number pair read to tell a pasted row of numbers
_NUMBERS_ONLY = patterns.compile(r"[\s\d.,;|eE+\-−]*")


def _numbers_around(text: str, start: int, end: int) -> bool:
    """Whether the line holding text[start:end] carries only numbers, looked at within LINE_WINDOW characters each
    side (bounded, so a long line of numbers costs the same per pair: linear time)."""
    before = text[max(0, start - LINE_WINDOW) : start]
    after = text[end : end + LINE_WINDOW]
    line = before[before.rfind("\n") + 1 :] + text[start:end] + after.split("\n", 1)[0]
    return _NUMBERS_ONLY.fullmatch(line) is not None


def _same_name(later: str | None, earlier: str | None) -> bool:
    """ "the pixels are 0 to 255 … Image pixels go from 0 to 255": no name, the same name, or the same name after a
    word that only says where the values come from ("Parent age" after "age" is another feature)."""
    if later is None or later == earlier:
        return True
    if earlier is None:
        return False
    words = sorted((later.lower().split(), earlier.lower().split()), key=len)
    shorter, longer = words
    extra = longer[: len(longer) - len(shorter)]
    return longer[len(extra) :] == shorter and all(word in _WHERE_FROM for word in extra)


def _each(text: str, item: NamedRange) -> list[NamedRange]:
    """ "four questions, each answered on a 1 to 5 scale" → the range four times; "columns A, C and D each take 0 to
    2" → the range once per name, under that name."""
    window = text[max(0, item.start - 120) : item.start]
    named = _EACH_NAMED_BEFORE.search(window)
    names = _listed_names(named["names"]) if named else []
    if names:
        return [replace(item, name=name) for name in names[:20]]
    match = _EACH_BEFORE.search(window)
    if not match:
        return [item]
    count = int(match["count"]) if match["count"].isdigit() else int(_WORD_VALUES[match["count"].lower()])
    return [item] * max(1, min(count, 20))


def _listed_names(listed: str) -> list[str]:
    """The names of "A, C and D" or "height, weight and age"; none when one of them is no name ("data and labels",
    "the inputs and outputs"), or is what is predicted."""
    names = [name.strip() for name in _LISTED_SEPARATOR.split(listed)]
    for name in names:
        # a letter or a letter and digits names a column ("A", "x2"); "a" and "I" are words
        symbol = patterns.fullmatch(r"[A-Za-z]\d{0,2}", name) is not None and name not in ("a", "I")
        if not symbol and (_NOT_LISTED.fullmatch(name) or _not_a_name(name)):
            return []
    return names if len(names) >= 2 else []


def _shared_suffix(first: _Number, second: _Number) -> float:
    """ "30-120k", "between 1 and 5 million": the multiplier written once belongs to both ends."""
    suffix = _SUFFIX_AT_END.search(second.text)
    if not suffix or _SUFFIX_AT_END.search(first.text) or not first.text[-1:].isdigit():
        return first.value
    multiplier = _SUFFIXES[suffix[0].strip()]
    mantissa = second.value / multiplier
    return first.value * multiplier if 0 < first.value < mantissa else first.value


def _unit_ok(between: str) -> bool:
    words = patterns.findall(r"[a-z]+", patterns.sub(r"°(?:\s?[cfk]\b)?", " ", between.lower()))
    connectors = {"to", "thru", "through", "till", "until", "up", "down", "upto", "about", "around", "roughly"}
    return all(word in connectors or word in _UNIT_WORDS for word in words)


def after_target_formula(text: str, start: int) -> bool:
    """Whether the values starting at `start` follow "y = 2x (": the target's, not a feature's."""
    return bool(_TARGET_FORMULA_BEFORE.search(text[max(0, start - 40) : start]))


def _is_feature_range(text: str, start: int, end: int, unmasked: str | None = None) -> bool:
    before, after = text[max(0, start - 40) : start], text[end : end + 30]
    for_the_others = _FOR_THE_OTHERS_AFTER.match(after)  # "… and -20 to 20 for the rest": the other features'
    if _NOT_FEATURE_AFTER.match(after) or _HYPERPARAMETER_BEFORE.search(before) or _IDENTIFIERS_BEFORE.search(before):
        return False
    if _SCALED_FROM_BEFORE.search(before) and not _ONWARD_TO.match(after):
        return False
    if _BY_TRANSFORMING_AFTER.match((unmasked or text)[end : end + 30]):
        return False  # "images in [-1, 1] by dividing by 255": what the division makes of them
    if _COLUMNS_BEFORE.search(before) and _NAMING_AFTER.match(after):
        return False
    if _METRIC_BEFORE.search(before) and not for_the_others:  # "coefficient and -20 to 20 for the rest"
        return False
    if _RESULT_BEFORE.search(before) or _CHANGE_BEFORE.search(before) or _TARGET_FORMULA_BEFORE.search(before):
        return False
    if patterns.search(r"(?:\b[A-Za-z_]\w*|\))\s*/\s*$", before):  # "x/127.5 - 1": arithmetic, not 127.5 to 1
        return False
    in_parentheses = patterns.search(r"\(\s*$", before) and patterns.match(r"\s*\)", after)
    if in_parentheses and (patterns.match(r"\s*\)\s*[/*]", after) or patterns.search(r"[/*]\s*\(\s*$", before)):
        return False  # "(5184 - 6675.5) / (8836 - 4761)": a difference in a formula
    if _OUTPUT_VALUE_BEFORE.search(before):
        return False  # "give back a single number between 0 and 100": what the model is to output
    bracketed = (
        patterns.match(r"[\[(]", text[start:end]) is not None or patterns.search(r"[\[(]\s*$", before) is not None
    )
    if bracketed and (_WEIGHED_AGAINST_BEFORE.search(before) or _WEIGHED_AGAINST_AFTER.match(after)):
        return False  # "is [-1, 1] better than [0, 1]?": two places to scale to, weighed
    chosen = _CHOSEN_BEFORE.search(before)
    if chosen and (chosen.group(0).rstrip().lower().endswith(("over", "of", "than")) or _CHOICE_AFTER.match(after)):
        return False  # "why prefer [-1, 1] over [0, 1]?": ranges to scale to, chosen, not what a feature holds
    window = text[max(0, start - 60) : start]
    go_transform = _GO_FROM_RANGE_TO_BEFORE.search(window) and (
        _TRANSFORM_CUE.search(text[max(0, start - 200) : start]) or _SCALED_RANGE.fullmatch(text[start:end].strip())
    )
    if go_transform or _FROM_RANGE_TO_BEFORE.search(window):
        return False
    sentence = _own_clause(_CLAUSE_END.split(text[max(0, start - 300) : start])[-1])  # a window: linear time
    with_target = _said_of_data_and_target(sentence)
    so_result = _SO_RESULT_BEFORE.search(before) or _ALL_NOW_RUN_BEFORE.search(before)
    if so_result and _TRANSFORM_CUE.search((unmasked or text)[max(0, start - 160) : start]):
        return False  # "divided by 255 so it's between 0 and 1", but not "np.random.random (so everything between 0 and 1)"
    if _KEPT_WITHIN_BEFORE.search(before):
        return False  # "… to keep values mostly between -1 and 1": what the values are kept in
    if _TARGET_CONTEXT.search(sentence) and not _FEATURE_CONTEXT.search(sentence) and not with_target:
        return False  # "my network predicts kWh with values between 0 and 50,000": the target's range
    if _ACTIVATION_OUTPUT_BEFORE.search(before):
        return False  # "but the sigmoid only produces (0,1)": what a unit puts out, not what a feature holds
    if _last_end(_WEIGHT_WORD, before) > _last_end(_FEATURE_CONTEXT, before):
        return False  # "the weights start as random values between +-0.1": an initialization, not a feature
    if _last_end(_TARGET_WORD, sentence) > _last_end(_FEATURE_CONTEXT, sentence) and not with_target:
        return False  # "50 columns between 0 and 1, and a target of random values, also in 0..1": the target's
    if _TARGET_LIST.search(text[max(0, start - 300) : start]) and not (
        _FEATURE_CONTEXT.search(sentence) or with_target
    ):
        return False
    if _AFTER_SCALING.search(sentence) and not _RAW.search(before):
        return False  # "after MinMaxScaler they all sit in [0, 1]": the scaled values
    if _TO_A_RANGE.search(sentence):
        return False  # "map each one to a fixed range with min/max, [-1, 1], [-0.5, 0.5] or [0, 1]": the choices
    # "normalize the pixel values of the training data to 0-1": what the values are scaled to, not what they are
    window = text[max(0, start - SCALED_TO_WINDOW) : start]
    changed = _CHANGED_TO_BEFORE.search(window)
    return not (
        (changed and not patterns.search(r"\bfrom\b", changed["between"], patterns.IGNORECASE))
        or _scaled_to(window)
        or _ASKED_FOR_BEFORE.search(window)
        or _RESCALED_TO_SOMETHING_LIKE.search(window)
    )


def _said_of_data_and_target(sentence: str) -> bool:
    """Whether the clause names the data and the target together as what it describes, with no later word for the
    target alone ("features and labels, and the labels are 0..1" is the target's)."""
    together = _last_end(_DATA_WITH_TARGET, sentence)
    return together >= 0 and together >= _last_end(_TARGET_WORD, sentence)


# "880 values of y, from 0.5 to ~12, and 880 values from 50 to 300 in X": a clause joined by ", and" after a number
_JOINED_CLAUSE = patterns.compile(r",\s+and\s", patterns.IGNORECASE)


def _own_clause(sentence: str) -> str:
    """The clause a range belongs to: after the last ", and" when the clause before it gave numbers of its own, so
    the target named there with its range ("values of y, from 0.5 to 12, and … from 50 to 300") keeps to it."""
    joins = list(_JOINED_CLAUSE.finditer(sentence))
    if joins and any(character.isdigit() for character in sentence[: joins[-1].start()]):
        return sentence[joins[-1].end() :]
    return sentence


def _last_end(pattern: patterns.Pattern, text: str) -> int:
    """Where the last match of `pattern` ends in `text`, -1 when none: which was named nearer a range."""
    end = -1
    for match in pattern.finditer(text):
        end = match.end()
    return end


def _name_before(text: str, start: int) -> str | None:
    """ "age from 0 to 100", "income: 20k-200k", "rooms (1-5)" → the name; None when no noun stands there."""
    match = _NAME_BEFORE.search(text[max(0, start - 80) : start])
    if not match:
        return None
    words = match["name"].split()
    if len(words) == 2 and words[0].lower() in _LETTERED and patterns.fullmatch(r"[A-Za-z]\d?", words[1]):
        return words[1]  # "feature A ranges 0.001 to 0.01", "col A: 0.1-0.9": the letter names it, even "A"
    while words and _not_a_name(words[0]):
        words.pop(0)
    while words and _not_a_name(words[-1]):
        words.pop()
    if not words or any(_not_a_name(word) for word in words):
        return None
    return " ".join(words)[:40]


def _not_a_name(word: str) -> bool:
    lowered = word.lower()
    return (
        lowered in _NAME_STOPWORDS
        or (lowered.endswith(("ing", "ize", "ise")) and len(lowered) > 5)  # verbs, not "size" or "ring"
        or (lowered.endswith(("ed", "ly")) and len(lowered) > 4)
        or len(word) > 30
    )


def _unique_names(ranges: list[NamedRange]) -> list[NamedRange]:
    seen: set[str] = set()
    unique = []
    for item in ranges:
        name = item.name
        if name is not None and name.lower() in seen:
            name = None
        if name is not None:
            seen.add(name.lower())
        unique.append(replace(item, name=name))
    return unique


def _noise(text: str) -> list[tuple[int, int]]:
    """Dates, versions, hyphen chains ("128-64-32"), addresses, training-log and traceback lines."""
    spans = [match.span() for pattern in _NOISE for match in pattern.finditer(text)]
    for match in _LOG_LINE.finditer(text):
        line_start = text.rfind("\n", 0, match.start()) + 1
        line_end = text.find("\n", match.end())
        spans.append((line_start, len(text) if line_end < 0 else line_end))
    return spans


def _mask(text: str, spans: list[tuple[int, int]]) -> str:
    """The text with these spans blanked out (newlines kept), so the same positions still fit."""
    if not spans:
        return text
    characters = list(text)
    for start, end in _merged(spans):
        for position in range(start, min(end, len(text))):
            if characters[position] != "\n":
                characters[position] = " "
    return "".join(characters)


def _merged(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged


def _passes_other_end(text: str, match: patterns.Match) -> bool:
    """ "min 0 max: maximum 5" pairs min with the first "max" after it or not at all (the gap may not hold one)."""
    gap = match.groupdict().get("gap")
    if not gap:
        return False
    other = _MAX_WORD if match.re is _MIN_MAX else _MIN_WORD
    start = match.start("gap")
    window = text[max(0, start - 1) : match.end("gap")]
    return any(found.start() >= (1 if start else 0) for found in other.finditer(window))


_COLON_RANGE = patterns.compile(
    # "one scan goes -500:1500 and another -400:1200"
    rf"\b(?:ranges?|values?|from|spans?|between|goes|go|runs|varies|another)\s+(?:of\s+|is\s+|are\s+)?(?P<low>[-+]?{_DIGITS}):(?P<high>[-+]?{_DIGITS})\b",
    patterns.IGNORECASE,
)
# "the values seem to be in [0:255]": MATLAB's colon in brackets, read like "[0, 255]" (not a slice "x[0:255]", nor a
# choice "[0:1] or [0:255]?" with no "in" before it)
_IN_COLON_BRACKET = patterns.compile(
    rf"\b(?:in|within)\s+(?P<bracket>\[\s*(?P<low>[-+]?{_DIGITS})\s*:\s*(?P<high>[-+]?{_DIGITS})\s*[\])])",
    patterns.IGNORECASE,
)
# "from 10:30 to 11:00", "10:30 am", "a ratio that goes 1:3": times of day and ratios are not ranges
_CLOCK_OR_RATIO = patterns.compile(
    r"\b\d{1,2}:\d\d\s*(?:[ap]\.?m\b|(?:to|-|–)\s*\d{1,2}:\d\d)|\d:\d\d:\d\d|\bratios?\b", patterns.IGNORECASE
)
# MATLAB's "x = 0:1:1000", "x = -100000:10000:200000" or "X = (0:1023)'": a variable built as start:step:stop (a
# loop's "for i = 1:n" is a count, not data)
_STEPPED_RANGE = patterns.compile(
    rf"(?P<before>\bfor\s+)?\b(?P<name>[A-Za-z_]\w{{0,30}})\s*=\s*(?P<open>[\[(])?\s*(?P<low>[-+]?{_DIGITS})\s*:\s*"
    rf"(?:(?P<step>[-+]?{_DIGITS})\s*:\s*)?(?:(?P<times>[-+]?{_DIGITS})?\s*\*?\s*pi|(?P<high>[-+]?{_DIGITS}))\b"
    r"(?P<more>\s*:)?"  # "0:0.1:pi" read as far as "0:0.1" would take the step for the end
    r"(?P<close>\s*[)\]]'?)?(?P<scaled>\s*\.?[*/^+-])?"
)
_RANGE_DATA = patterns.compile(
    r"\bfor\s+\w+\s+in\s+range\(\s*(?:(?P<a>-?\d{1,7})\s*,\s*)?(?P<n>-?\d{1,7})\s*\)\s*\]"
    r"|\b(?:list|np\.array|np\.asarray|torch\.tensor|torch\.Tensor|tf\.constant)\(\s*range\("
    r"\s*(?:(?P<b>-?\d{1,7})\s*,\s*)?(?P<m>-?\d{1,7})\s*\)\s*\)"
)
# "x1 is searched within range(-10, 10)": a range written as a call in prose, both ends kept as the writer's bounds
# (a loop's "for i in range(10, 20)", a test "if x in range(0, 256)", a setting's "k in range(2, 11)" and "scale it to
# range(-1, 1)", the range chosen, are not read here)
_RANGE_IN_PROSE = patterns.compile(
    rf"\b(?:within|in|between|over|across|inside|spans?)\s+(?:the\s+)?range\s*\(\s*"
    rf"(?P<low>[-+]?{_DIGITS})\.?\s*,\s*(?P<high>[-+]?{_DIGITS})\.?\s*\)",
    patterns.IGNORECASE,
)
_COUNTED_AFTER = patterns.compile(
    r"\s*(?:random\s+|different\s+)?(?:seeds?|runs?|trials?|folds?|times|repeats?)\b", patterns.IGNORECASE
)
_NOT_PROSE_RANGE_BEFORE = patterns.compile(
    r"(?:\bfor\s+(?:each\s+)?\(?\s*(?:let\s+|var\s+|const\s+)?\w+|\b(?:if|elif|while|assert)\s+[\w.\[\]'\"]+|\bnot"
    r"|\w*(?:estimators?|depth|epochs?|seeds?|iter\w*|steps?|trials?|folds?|layers?|units?|neighbou?rs?|clusters?))\s+$",
    patterns.IGNORECASE,
)
# "x_i = i for i = 0, 1, ..., 999", "1, 2, 3, …, 100": a sequence written with an ellipsis runs from its first to its last
_ELLIPSIS_SEQUENCE = patterns.compile(
    # "0, 1, ..., 99", "1, 2, 3, … 1000" and "x = 1, 2, 3 ... 1000" (no comma before the dots)
    rf"(?P<low>[-+]?{_DIGITS})\s*,\s*[-+]?{_DIGITS}\s*(?:,\s*[-+]?{_DIGITS}\s*)?,?\s*(?:\.\.\.|…)\s*,?\s*"
    rf"(?P<high>[-+]?{_DIGITS})\b"
)
# "divided the whole dataset by its largest value, 50000", "divide each image by the maximum intensity (1000)": the
# values ran from 0 to that maximum
_DIVIDED_BY_MAXIMUM = patterns.compile(
    r"\bdivid(?:e|es|ed|ing)\s+(?:\w+\s+){0,4}by\s+(?:its|the|their|each\s+\w+'s)\s+(?:own\s+)?"
    r"(?:largest|maximum|max|biggest|highest)(?:\s+(?:value|intensity|pixel|number|count))?\s*[,(:=]?\s*"
    rf"(?P<value>{_DIGITS})\b",
    patterns.IGNORECASE,
)
# "if I normalize them (location divided by 20, value divided by 100, …)": each named input over its own constant,
# read only in a sentence about normalizing, as that constant is then the input's largest value
_NAMED_DIVIDED_BY = patterns.compile(rf"\b(?P<name>[A-Za-z_]\w{{1,30}})\s+divided\s+by\s+(?P<value>{_DIGITS})\b")
_NOT_A_DIVIDEND = frozenset(
    [
        "it",
        "everything",
        "all",
        "them",
        "this",
        "that",
        "these",
        "those",
        "each",
        "both",
        "and",
        "or",
        "then",
        "is",
        "are",
        "was",
        "were",
        "be",
        "been",
    ]
)
_STATISTIC_NAME = patterns.compile(
    r"variances?|means?|sums?|totals?|loss\w*|gradients?|grads?|rates?|lrs?|epochs?|batch\w*|std|counts?|steps?|norms?"
)
_NORMALIZING_SENTENCE = patterns.compile(r"[^.?!\n]*\bnormali[sz]\w*[^.?!\n]*$", patterns.IGNORECASE)
_PIXEL_DEPTH = r"(?:25[56]|409[56]|6553[56])"  # 8-, 12- and 16-bit pixels' ceilings, and their off-by-one powers of two
_PIXEL_DIVISORS = frozenset((255, 256, 4095, 4096, 65535, 65536))
_PIXELS_DIVIDED = patterns.compile(  # pixels divided by their ceiling: "/ 255", "/ 65535", "divides by 256"
    rf"(?:/=?\s*{_PIXEL_DEPTH}(?:\.0*)?\b|\b(?:divid(?:e|es|ed|ing)|division|scal(?:e|es|ed|ing))\s+(?:\w+\s+){{0,3}}by\s+{_PIXEL_DEPTH}\b"
    rf"|\bnormali[sz]\w*\s+(?:\w+\s+){{0,3}}(?:with|by)\s+(?:the\s+)?(?:usual\s+)?{_PIXEL_DEPTH}(?:\.0*)?(?:\s|[.,;]|$)"
    rf"|rescale\s*=\s*1\.?/{_PIXEL_DEPTH}|\b(?:divide|div|true_divide)\(\s*[\w.\[\]'\"]{{1,60}}\s*,\s*{_PIXEL_DEPTH}(?:\.0*)?\s*\))",
    patterns.IGNORECASE,
)
# 4096 and 65536 are also batch, vocabulary and FFT sizes: their divisions are pixels only beside images (IMAGES_NEAR)
IMAGES_NEAR = 200  # characters either side of a division in which an image word must stand
_DEEP_PIXELS = patterns.compile(
    r"\b(?:pixels?|images?|imagery|photos?|uint1[26]|1[26][\s-]?bits?|tiff?s?|dicom|png|raw\s+frames?|ct\s+scans?"
    r"|spectral\s+bands?|depth\s+maps?|thermal|x-?rays?|mri)\b",
    patterns.IGNORECASE,
)
PIXEL_SOURCES = ("pixels", "undivided pixels")  # pixels divided by their ceiling (255, 4095, 65535), or said not to be
_NOT_BEFORE = patterns.compile(r"(?:\bnot|n't|\bnever|\bwithout)\s+(?:\w+\s+){0,2}$", patterns.IGNORECASE)
# "(df['aX'] + 4) / 8" maps -4..4 onto 0..1: a shift and a divisor written as numbers give the raw range
_SHIFT_AND_DIVIDE = patterns.compile(
    r"\((?P<value>[^()\n]{0,60}?[A-Za-z_\]][^()\n]{0,20}?)\s*(?P<sign>[-+])\s*(?P<shift>\d+(?:\.\d+)?)\s*\)"
    r"\s*/\s*(?P<divisor>\d+(?:\.\d+)?)\b"
)
# "(pixel / 127.5) - 1" and "x / 32768 - 1" map 8-, 12- and 16-bit pixels onto -1..1: the raw values span twice the
# divisor (only those halves, and 128, 2048, 32768 only beside images: "n / 2 - 1" and "len(X) / 128 - 1" are counts)
_DIVIDE_THEN_LESS_ONE = patterns.compile(
    r"(?:\b(?P<name>[A-Za-z_][\w.\[\]'\"]{0,40})|\))\s*/\s*(?P<half>127\.5|128|2047\.5|2048|32767\.5|32768)(?:\.0*)?"
    r"\s*\)?\s*-\s*1(?:\.0*)?"
)
_COUNT_DIVIDEND = patterns.compile(r"(?:\blen\(|\bn\b|\bn_\w+|\bnum_?\w*|\bcount\w*|\bsize\w*)[^/]{0,12}/")
# "the other bands go up to 10,000": a quantity that climbs from nothing to a stated ceiling
_GOES_UP_TO = patterns.compile(
    rf"\b(?:go|goes|going|went|run|runs|reach|reaches|reaching)\s+(?:all\s+the\s+way\s+)?up\s+to\s+(?P<high>{_DIGITS})\b",
    patterns.IGNORECASE,
)
# what climbs is a score or a resource, named just before the verb ("my validation accuracy quickly goes up to")
_METRIC_SUBJECT = patterns.compile(
    r"\b(?:accuracy|acc|loss(?:es)?|errors?|scores?|auc|f1|precision|recall|costs?|memory|usage|ram|vram)\s+(?:\w+\s+)?$",
    patterns.IGNORECASE,
)
_MEMORY_AFTER = patterns.compile(r"^\s*(?:[kKMGT]i?B|[kmgt]b|bytes?)\b")
_QUOTED_KEY = patterns.compile(r"\[\s*['\"](?P<key>[^'\"\n]{1,30})['\"]\s*\]")
# "maximus = 23.0 … minimus = 1.0", "x_max = 80; x_min = 20", a summary's "min x = 0 … max x = 27840": a pair of
# bounds assigned by name
_BOUND_ASSIGNMENT = patterns.compile(
    r"\b(?P<name>[A-Za-z_]\w{0,30}(?:[ \t]+[A-Za-z_]\w{0,12})?)\s*=\s*(?P<value>[-+]?\d+(?:\.\d+)?(?:e[-+]?\d+)?)(?:[^\w.]|$)",
    patterns.IGNORECASE,
)
_BOUND_NAME = patterns.compile(r"max|min", patterns.IGNORECASE)
# "x_lo, x_hi = 0.0, 0.04", "t_start, t_end = 0, 30": a pair of bounds assigned at once in code
_PAIRED_BOUNDS = patterns.compile(
    r"\b(?P<first>[A-Za-z]\w{0,30})\s*,\s*(?P<second>[A-Za-z]\w{0,30})\s*=\s*\(?\s*"
    r"(?P<low>[-+]?\d+(?:\.\d+)?(?:e[-+]?\d+)?)\s*,\s*(?P<high>[-+]?\d+(?:\.\d+)?(?:e[-+]?\d+)?)\s*\)?(?:[^\w.,]|$)",
    patterns.IGNORECASE,
)
# a setting's name among a paired stem's words ("lr_min, lr_max"); whole words, so "heart_rate" and "grade" stay data
_PAIRED_SETTING = patterns.compile(
    r"lrs?|learning|epochs?|iters?|iterations?|batch|steps?|alpha|beta|gamma|eta|lambda|momentum|clip|seed|warmup",
    patterns.IGNORECASE,
)
_BOUND_SUFFIXES = (
    ("lo", "hi"),
    ("low", "high"),
    ("min", "max"),
    ("start", "end"),
    ("begin", "end"),
    ("lower", "upper"),
)
_SETTING_NAME = patterns.compile(
    r"lr|learning|rate|epoch|iter|depth|sample|batch|leaf|leaves|step|size|len|count|num|grad|clip|delta|alpha"
    r"|beta|lambda|gamma|eta|temp|freq|patience|delay|retr|thread|worker|replica"
    r"|^(?:idx|ind|inds|index|indices|cols?|rows?)$",  # "cols = [3:7]": positions to pick, not values
    patterns.IGNORECASE,
)


def written_shapes(text: str) -> tuple[list[NamedRange], list[tuple[int, int]]]:
    """Ranges people write outside the usual "a to b": "values 150:900", data built from `range(300)`
    (0 to 299; a loop's `for i in range(1000):` is a count, not data), a range written as a call in prose ("within
    range(-10, 10)"), and pixels divided by their ceiling (255: 0 to 255; 4095 and 65535 beside images)."""
    found, spans = [], []
    for match in _COLON_RANGE.finditer(text):
        low, high = parse_number(match["low"]), parse_number(match["high"])
        if _CLOCK_OR_RATIO.search(text[max(0, match.start() - 12) : match.end() + 12]):
            continue
        if low is not None and high is not None and low < high:
            found.append(NamedRange(low, high, _name_before(text, match.start()), match.start(), match.end()))
            spans.append(match.span())
    for match in _STEPPED_RANGE.finditer(text):
        low = parse_number(match["low"])
        if match["high"] is not None:
            high = parse_number(match["high"])
        else:  # MATLAB's pi: "0:0.1:pi", "0:0.01:2*pi"
            times = parse_number(match["times"]) if match["times"] else 1.0
            high = None if times is None else times * math.pi
        if (
            match["more"]
            or match["before"]
            # in round brackets only as MATLAB's column "(0:1023)'": "(0:999)*0.001" is scaled, "(1:2) ratio" no data
            or (match["open"] == "(" and (match["close"] or "").strip() != ")'")
            or (match["open"] and match["close"] and match["scaled"])  # "[1:10]/10", "(0:1023)'/1023": rescaled
            or _SETTING_NAME.search(match["name"])
            or low is None
            or high is None
            or not low < high
        ):
            continue
        found.append(NamedRange(low, high, None, match.start("low"), match.end(), "numpy"))
        spans.append((match.start("low"), match.end()))
    for match in _RANGE_DATA.finditer(text):
        start = int(match["a"] or match["b"] or 0)
        stop = int(match["n"] or match["m"])
        if stop - start >= 2:
            found.append(NamedRange(float(start), float(stop - 1), None, match.start(), match.end(), "numpy"))
            spans.append(match.span())
    for match in _RANGE_IN_PROSE.finditer(text):
        low, high = parse_number(match["low"]), parse_number(match["high"])
        before = text[max(0, match.start() - 40) : match.start()]
        if _NOT_PROSE_RANGE_BEFORE.search(before) or _HYPERPARAMETER_BEFORE.search(before):
            continue
        after = text[match.end() : match.end() + 30]
        if _NOT_FEATURE_AFTER.match(after) or _COUNTED_AFTER.match(after):
            continue
        if low is not None and high is not None and low < high:
            found.append(NamedRange(low, high, _name_before(text, match.start()), match.start(), match.end()))
            spans.append(match.span())
    for match in _ELLIPSIS_SEQUENCE.finditer(text):
        low, high = parse_number(match["low"]), parse_number(match["high"])
        if _HYPERPARAMETER_BEFORE.search(text[max(0, match.start() - 40) : match.start()]):
            continue  # "batch sizes 16, 32, ..., 512": settings tried, not data
        if low is not None and high is not None and low < high:
            found.append(NamedRange(low, high, None, match.start(), match.end(), "sequence"))
            spans.append(match.span())
    for match in _DIVIDED_BY_MAXIMUM.finditer(text):
        value = parse_number(match["value"])
        if value is not None and value > 0:
            found.append(NamedRange(0.0, value, None, match.start(), match.end(), "shift"))
            spans.append(match.span())
    for match in _NAMED_DIVIDED_BY.finditer(text):
        value = parse_number(match["value"])
        before = text[max(0, match.start() - 200) : match.start()]
        taken_as_pixels = value in (255, 256) or (value in _PIXEL_DIVISORS and _images_near(text, match))
        if value is None or value <= 1 or taken_as_pixels or not _NORMALIZING_SENTENCE.search(before):
            continue
        if match["name"].lower() in _NOT_A_DIVIDEND or _STATISTIC_NAME.fullmatch(match["name"].lower()):
            continue  # "the variance divided by 32", "my learning rate divided by 10": not an input's values
        found.append(NamedRange(0.0, value, match["name"], match.start(), match.end(), "shift"))
        spans.append(match.span())
    for match in _GOES_UP_TO.finditer(text):
        high = parse_number(match["high"])
        before, after = text[max(0, match.start() - 40) : match.start()], text[match.end() : match.end() + 40]
        if (
            high is not None
            and high > 1
            # "accuracy goes up to 92%", "runs up to 100 epochs", "memory goes up to 16 GB": not an input's values
            and not _HYPERPARAMETER_BEFORE.search(before)
            and not _METRIC_SUBJECT.search(before)
            and not _NOT_FEATURE_AFTER.search(after)
            and not _MEMORY_AFTER.search(after)
        ):
            found.append(
                NamedRange(0.0, high, _name_before(text, match.start()), match.start(), match.end(), "ceiling")
            )
            spans.append(match.span())
    pixels = next((match for match in _PIXELS_DIVIDED.finditer(text) if _pixel_division(text, match)), None)
    if pixels:
        # "it isn't divided by 255 anywhere": the pixels are still 0-255, but the post states its own range
        negated = _NOT_BEFORE.search(text[max(0, pixels.start() - 30) : pixels.start()])
        source = "undivided pixels" if negated else "pixels"
        found.append(NamedRange(0.0, _pixel_ceiling(pixels[0]), None, pixels.start(), pixels.end(), source))
        spans.append(pixels.span())
    for match in _SHIFT_AND_DIVIDE.finditer(text):
        shift, divisor = float(match["shift"]), float(match["divisor"])
        centre = -shift if match["sign"] == "+" else shift
        # "(x + 4) / 8" lands in 0..1, so x spans -4..4; "(x - 127.5) / 127.5" lands in -1..1, so x spans 0..255
        # "(x - 127.5) / 128.0" centres 0..255 too: a divisor within 1% of the shift halves the same span
        centred = abs(shift - divisor) <= 0.01 * divisor
        low, high = (centre - shift, centre + shift) if centred else (centre, centre + divisor)
        if divisor > 0 and not _HYPERPARAMETER_BEFORE.search(match["value"]):
            key = _QUOTED_KEY.search(match["value"])
            name = key["key"] if key else None
            found.append(NamedRange(low, high, name, match.start(), match.end(), "shift"))
            spans.append(match.span())
    divided: dict[str, NamedRange] = {}  # the values each name was divided by, last written
    for match in _DIVIDE_THEN_LESS_ONE.finditer(text):
        following = text[match.end() : match.end() + 8].lstrip(" )")
        if any(start <= match.start() < end for start, end in spans) or following[:1] in tuple("0123456789*/eE"):
            continue  # "x / 127.5 - 10", "(x / 128 - 1) * 5", "x / 128 - 1e-3": other arithmetic
        if match["name"] is not None and _HYPERPARAMETER_BEFORE.search(
            text[max(0, match.start() - 30) : match.start("half")]
        ):
            continue  # "the lr / 127.5 - 1": a setting's arithmetic (but `tf.cast(img, tf.float32) / 127.5 - 1` is pixels)
        if not match["half"].endswith(".5") and (
            not _images_near(text, match) or _COUNT_DIVIDEND.search(text[max(0, match.start() - 12) : match.end()])
        ):
            continue  # "num_batches = len(X) / 128 - 1", "hop = n_fft / 2048 - 1": counts, not pixels
        span = 2 * float(match["half"])
        high = span - 1 if span in (256.0, 4096.0, 65536.0) else span  # "/ 128 - 1": 8-bit pixels, off by one
        named = match["name"]
        if named in divided:  # "from (pixel / 127.5) - 1 to (pixel / 32768) - 1": the last scaling of a name
            found.remove(divided[named])
        found.append(NamedRange(0.0, high, None, match.start(), match.end(), "shift"))
        if named is not None:
            divided[named] = found[-1]
        spans.append(match.span())
    found.extend(_assigned_bounds(text, spans))
    found.extend(_paired_bounds(text, spans))
    ceilings = {item.high for item in found if item.source in PIXEL_SOURCES}
    if any(
        item.source in ("shift", "bounds") and item.low == 0 and any(c <= item.high <= c + 1 for c in ceilings)
        for item in found
    ):
        found = [item for item in found if item.source not in PIXEL_SOURCES]  # "MAX_PIXEL=255 … dividing by 255": once
    return found[:MAX_RANGES], spans


def _pixel_division(text: str, match: patterns.Match) -> bool:
    """Whether a division by 255, 4095 or 65535 (or the power of two after it) is pixels': 255 always; the deeper two
    only beside images, and never a setting's or a statistic's ("lr = 0.1 / 4096", "divide the loss by 4096")."""
    if _pixel_ceiling(match[0]) == 255:
        return True
    before = text[max(0, match.start() - 40) : match.start()]
    words = [word.lower() for word in patterns.findall(r"[A-Za-z_]\w*", before + " " + match[0])]
    if _HYPERPARAMETER_BEFORE.search(before) or any(_STATISTIC_NAME.fullmatch(word) for word in words[-6:]):
        return False
    return _images_near(text, match)


def _images_near(text: str, match: patterns.Match) -> bool:
    """An image word within IMAGES_NEAR characters of the match (a bounded window: linear over many matches)."""
    return bool(_DEEP_PIXELS.search(text[max(0, match.start() - IMAGES_NEAR) : match.end() + IMAGES_NEAR]))


def _pixel_ceiling(division: str) -> float:
    """The largest raw pixel value a division by 255, 4095 or 65535 (or the next power of two) implies."""
    divisor = int(patterns.findall(_PIXEL_DEPTH, division)[-1])
    return float(divisor if divisor % 2 else divisor - 1)


def _paired_bounds(text: str, spans: list[tuple[int, int]]) -> list[NamedRange]:
    """ "x_lo, x_hi = 0.0, 0.04": one range under the names' common stem; a setting's pair ("lr_min, lr_max") is not
    data. A stem of one or two letters is not kept as the name (a "y" coordinate is not the target)."""
    found: list[NamedRange] = []
    for match in _PAIRED_BOUNDS.finditer(text):
        first, second = match["first"].lower(), match["second"].lower()
        stem = next(
            (
                first[: -len(low)]
                for low, high in _BOUND_SUFFIXES
                if first.endswith(low) and second.endswith(high) and first[: -len(low)] == second[: -len(high)]
            ),
            None,
        )
        low, high = parse_number(match["low"]), parse_number(match["high"])
        if stem is None or any(_PAIRED_SETTING.fullmatch(token) for token in stem.split("_")):
            continue
        if low is None or high is None or not low < high:
            continue
        name = stem.strip("_")
        found.append(NamedRange(low, high, name if len(name) > 2 else None, match.start(), match.end(), "bounds"))
        spans.append(match.span())
    return found


def _assigned_bounds(text: str, spans: list[tuple[int, int]]) -> list[NamedRange]:
    """Bounds assigned in code under names that differ only in max/min ("maximus = 23.0", "minimus = 1.0"); a
    setting's bounds ("min_lr", "max_iter") are not data. The same pair assigned again is the same feature."""
    assigned: dict[str, tuple[float, patterns.Match]] = {}
    for match in _BOUND_ASSIGNMENT.finditer(text):
        value = parse_number(match["value"])
        if value is not None and _BOUND_NAME.search(match["name"]) and not _SETTING_NAME.search(match["name"]):
            assigned.setdefault(match["name"].lower(), (value, match))
    found: list[NamedRange] = []
    for name, (high, match) in assigned.items():
        if "max" not in name:
            continue
        low_entry = assigned.get(name.replace("max", "min", 1))
        if low_entry is None or not low_entry[0] < high:
            continue
        start, end = min(match.start(), low_entry[1].start()), max(match.end(), low_entry[1].end())
        stem = name.replace("max", "", 1).strip("_") or None
        found.append(NamedRange(low_entry[0], high, stem if stem and len(stem) > 2 else None, start, end, "bounds"))
        spans.extend((match.span(), low_entry[1].span()))
    return found


def _named_flags(match: patterns.Match) -> list[NamedRange]:
    """Each name of "smoker and married are binary" as a 0..1 feature, up to the first word that names none; none when
    fewer than two are left ("the inputs and labels are binary" names no feature)."""
    names_start = match.start("names")
    found: list[NamedRange] = []
    names = match["names"]
    pieces = [*_FLAG_SEPARATOR.finditer(names)]
    bounds = [0, *(item for piece in pieces for item in piece.span()), len(names)]
    for index in range(0, len(bounds), 2):
        start, end = bounds[index], bounds[index + 1]
        name = names[start:end].strip()
        lowered = name.lower()
        # "x and z are both binary"; but "a" and "I" are words ("binary features x and z, and a price")
        symbol = patterns.fullmatch(r"[a-z]\d{0,2}", lowered) is not None and lowered not in ("a", "i")
        if not name or (lowered in _NAME_STOPWORDS and not symbol) or lowered in _FLAG_GENERIC:  # "married" is one
            break  # the list ends at the first word that names no feature
        found.append(NamedRange(0.0, 1.0, name, names_start + start, names_start + end, "binary"))
    return found if len(found) >= 2 else []


def _min_max_and_plus_minus(text: str) -> tuple[list[NamedRange], list[tuple[int, int]]]:
    """ "min is 1e-3 and max is 1e3", "min: 0.5, max: 3200" and "±1e12" (the range −1e12 to 1e12)."""
    found, spans = [], []
    for match in (
        *_MIN_MAX.finditer(text),
        *_MAX_MIN.finditer(text),
        *_VALUE_THEN_MIN_MAX.finditer(text),
        *_BETWEEN_SIGNS.finditer(text),
    ):
        if len(found) >= MAX_RANGES:
            break
        if any(start < match.end() and match.start() < end for start, end in spans):
            continue
        if _passes_other_end(text, match):
            continue
        low, high = parse_number(match["low"].rstrip("%")), parse_number(match["high"].rstrip("%"))
        if low is not None and high is not None and low < high:
            named = match.groupdict().get("name")
            name = None if named is None or named.lower() in _GENERIC_VARIABLES else named
            found.append(NamedRange(low, high, name or _name_before(text, match.start()), match.start(), match.end()))
            spans.append(match.span())
    for pattern in _BINARY_NAMED:
        for match in pattern.finditer(text):
            flags = _named_flags(match)
            if flags and not any(start < match.end() and match.start() < end for start, end in spans):
                found.extend(flags[: MAX_RANGES - len(found)])
                spans.append(match.span())
    for match in _BINARY.finditer(text):
        if len(found) >= MAX_RANGES:
            break
        if any(start < match.end() and match.start() < end for start, end in spans):
            continue  # "is_new and has_pool are 0/1": read above, one flag per name
        found.append(NamedRange(0.0, 1.0, _name_before(text, match.start()), match.start(), match.end(), "binary"))
        spans.append(match.span())
    for match in _BINARY_IN_WORDS.finditer(text):
        if len(found) >= MAX_RANGES:
            break
        if any(start < match.end() and match.start() < end for start, end in spans):
            continue
        if _is_feature_range(text, match.start(), match.end()):  # "the label is either 0 or 1" is the target's
            found.append(NamedRange(0.0, 1.0, None, match.start(), match.end(), "binary"))
            spans.append(match.span())
    for match in (found_pi for pattern in _PI_RANGES for found_pi in pattern.finditer(text)):
        low, high = _radians(match["low"]), _radians(match["high"])
        if len(found) >= MAX_RANGES or any(start < match.end() and match.start() < end for start, end in spans):
            continue
        if low < high and _is_feature_range(text, match.start(), match.end()):
            found.append(NamedRange(low, high, _name_before(text, match.start()), match.start(), match.end()))
            spans.append(match.span())
    for match in _PLUS_MINUS.finditer(text):
        if len(found) >= MAX_RANGES:
            break
        if patterns.search(r"[\d)]\s*$", text[max(0, match.start() - 3) : match.start()]):
            continue  # "3 ± 0.5" is a mean and a spread
        value = parse_number(match["value"])
        if value is not None and value > 0 and _is_feature_range(text, match.start(), match.end()):
            found.append(NamedRange(-value, value, _name_before(text, match.start()), match.start(), match.end()))
            spans.append(match.span())
    return found, spans


def _radians(end: str) -> float:
    """ "-2π" → -6.2832, "pi/2" → 1.5708, "0" → 0: one end of a range of angles, rounded as a reader would."""
    compact = patterns.sub(r"\s+", "", end.lower()).replace("−", "-").replace("*", "")
    if "π" not in compact and "pi" not in compact:
        return 0.0
    sign = -1.0 if compact.startswith("-") else 1.0
    compact = compact.lstrip("+-")
    factor_text, _, rest = compact.partition("π" if "π" in compact else "pi")
    divisor = float(rest.lstrip("/")) if rest.startswith("/") else 1.0
    factor = float(factor_text) if factor_text else 1.0
    return round(sign * factor * math.pi / divisor, 4)
