"""What a learner's question names: the model, the activation, the scaler and the kind of data.

Read with patterns, not the topic classifier: common spellings and abbreviations ("k-means", "kNN",
"SVM"), library class names (`KMeans`, `KNeighborsClassifier`, `SVC`, `nn.LSTM`, `Conv2d`,
`StandardScaler()`, `MinMaxScaler(feature_range=(-1, 1))`), recipes (`/ 255.0`, `np.log1p`) and a few
cheap typos. Ordinary words are not names: "normal", "standard deviation", "a directory tree".

When a question names several models, the one it is about is the one in its code (a class called or
a layer built), else the first one named.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from explainer.chat.reading.numbers import clean_text
from explainer.scenario.vocabulary import SCALERS, named_scalers
from explainer.text import patterns

_I = patterns.IGNORECASE

# (pattern, value); a group named `refused` is what may not follow (patterns's lookahead); a pattern that reads as code (`KMeans(`, `nn.LSTM`) marks the model the code uses
_MODELS: tuple[tuple[patterns.Pattern, str], ...] = tuple(
    (patterns.compile(pattern, flags), value)
    for pattern, value, flags in (
        (r"\b(?:MiniBatch)?KMeans\b|\bk[\s-]?m(?:ea|ae|e)ns?\b|\bk[\s-]?medoids\b", "kmeans", _I),
        (
            r"\bKNeighbors(?:Classifier|Regressor)\b|\bk[\s-]?nn\b|\bk[\s-]?nearest[\s-]?neighbou?rs?\b"
            r"|\bnearest[\s-]neighbou?rs?\b(?P<refused>[\s-]+(?:interpolation|resampling|upscal\w*|scaling|filter\w*))?",
            "knn",
            _I,
        ),
        (r"\bsvms?\b|\bsvc\b|\bsvr\b|\bLinearSV[CR]\b|\bsupport[\s-]vectors?\b", "svm", _I),
        (
            r"\blogis?ti?c[\s-]+regres+ion\b|\blogisitc\b|\bLogisticRegression(?:CV)?\b|\blogreg\b",
            "logistic_regression",
            _I,
        ),
        (r"\blasso(?:CV)?\b|\bl1[\s-]regulari[sz]ed regression\b", "lasso", _I),
        (r"\bridge(?:CV|Classifier)?\b(?P<refused>[\s-]?line)?|\btikhonov\b", "ridge", _I),
        (
            r"\blinear[\s-]+regres+ion\b|\bLinearRegression\b|\bSGDRegressor\b|\bordinary least squares\b|\bols\b",
            "linear_regression",
            _I,
        ),
        (
            r"\bxgboost\b|\bxgb\w*|\bcatboost\w*|\bgradient[\s-]?boost\w*|\bHistGradientBoosting\w*|\bgbdt\b",
            "xgboost",
            _I,
        ),
        (r"\blight[\s-]?gbm\b|\bLGBM\w*", "lightgbm", _I),
        (r"\brandom[\s-]?forr?ests?\b|\bRandomForest\w*|\bExtraTrees\w*|\bextra[\s-]trees\b", "random_forest", _I),
        (r"\bdec[ie]?s[ie]on[\s-]?trees?\b|\bDecisionTree\w*", "decision_tree", _I),
        (r"\bnaive[\s-]?bayes\b|\b(?:Gaussian|Multinomial|Bernoulli|Complement)NB\b", "naive_bayes", _I),
        (r"\bpca\b|\bprincipal[\s-]components?(?:[\s-]analysis)?\b", "pca", _I),
        (r"\blstms?\b|\blong[\s-]short[\s-]term[\s-]memory\b", "lstm", _I),
        (r"\brnns?\b|\bSimpleRNN\b|\brecurrent[\s-](?:neural[\s-])?net\w*|\bgrus?\b", "rnn", _I),
        (
            r"\bcnns?\b|\bconvnets?\b|\bconvolution(?:al)?[\s-](?:neural[\s-])?(?:net\w*|layers?)\b|\bConv[123][dD]\b"
            r"|\bresnet\w*|\bvgg\d*\b|\befficientnet\w*|\bmobilenet\w*|\bu-?net\b",
            "cnn",
            _I,
        ),
        (r"\btransformers?\b|\bbert\b|\bgpt-?\d?\b|\bself[\s-]attention\b|\bvit\b", "transformer", _I),
        (
            r"\bmlps?\b|\bMLP(?:Classifier|Regressor)\b|\bmulti[\s-]?layer(?:ed)?[\s-]perceptrons?\b"
            r"|\bfeed[\s-]?forward\b|\bfully[\s-]connected\b|\bnn\.Linear\b|\bDense\("
            # a hand-written network: "20 hidden nodes", "my backprop implementation"
            r"|\bhidden\s+(?:nodes|units|neurons)\b|\bbackprop(?:agation)?\b",
            "mlp",
            _I,
        ),
    )
)
_TREES = patterns.compile(r"\btree[\s-]based\b|\btree\s+(?:models?|methods?|algorithms?|ensembles?)\b|\btrees\b", _I)
_NOT_ML_TREE = patterns.compile(
    r"(?:directory|file|folder|syntax|parse|binary|search|suffix|spanning|family|b|red-black|dom|source|git)[\s-]*$", _I
)
_NEURAL_NETWORK = patterns.compile(
    r"\bne?u[ae]?ral[\s-]?(?:net\w*|nets?|nn)\b|\bdeep[\s-]learning\b|\bkeras\b|\bpytorch\b", _I
)
# "Transformers and AutoML" beside `NormalizeMeanVariance`: a library's data transforms, not an attention network
_DATA_TRANSFORMS = patterns.compile(
    r"\bmlcontext\b|\btransforms\.\w+|\bNormalize\w+\(|\bfit_transform\b|\bTransformerMixin\b"
    r"|\bdata\s+(?:prep\w*|transform\w*)|\bpreprocess\w*",
    _I,
)
_ATTENTION = patterns.compile(r"\b(?:attention|bert|gpt|encoder|decoder|tokens?|tokeniz\w*|hugging\s*face|vit)\b", _I)
_NOT_A_NETWORK = patterns.compile(r"(?:quantile|power|column|function|feature|custom|target)[\s_-]*$", _I)
_LEFT_BEHIND = patterns.compile(  # "I switched from an SVM to …", "replaced my kNN with …": not the one asked about
    r"\b(?:from|replac\w*|instead\s+of|rather\s+than)\s+(?:an?\s+|the\s+|my\s+|our\s+)?$", _I
)
_CODE_MODEL = patterns.compile(r"^[\w.]*\(|^\w+\s*\(")  # `KMeans(`, `SVC (`: a class called
_CODE_BEFORE = patterns.compile(r"(?:\bnn|\blayers|\btf\.keras\.layers|\bimport|=)\s*\.?\s*$")

_ACTIVATIONS = (
    (patterns.compile(r"\bsigmoids?\b|\blogistic (?:activation|function|unit)s?\b|\bnn\.Sigmoid\b", _I), "sigmoid"),
    (patterns.compile(r"\btanh\b|\bhyperbolic tangent\b|\bnn\.Tanh\b", _I), "tanh"),
    (
        patterns.compile(
            r"\b(?:leaky[\s_-]?|p|g|s)?re?lu\b|\brectified linear(?: units?)?\b|\belu\b|\bLeakyReLU\b", _I
        ),
        "relu",
    ),
)

_DATA_KINDS = (
    (
        patterns.compile(
            r"\bimages?\b|\bpixels?\b|\bphotos?\b|\bmnist\b|\bcifar\w*|\bimagenet\b|\brgb\b|\bgr[ae]yscale\b"
            r"|\bConv2[dD]\b|\bImageDataGenerator\b",
            _I,
        ),
        "images",
    ),
    (
        patterns.compile(
            r"\btime[\s-]?series\b|\bsensor (?:data|readings?)\b|\bstock prices?\b|\bforecast\w*|\btime[\s-]?steps?\b"
            r"|\bsliding window\b|\blag(?:ged)? features?\b|\bdaily (?:sales|data|values|prices)\b|\bhourly\b",
            _I,
        ),
        "time_series",
    ),
    (
        patterns.compile(
            r"\btext (?:data|classification|features?|documents?)\b|\bnlp\b|\bword2vec\b|\bword embeddings?\b"
            r"|\btf-?idf\b|\bbag[\s-]of[\s-]words\b|\btokeni[sz]\w*|\bsentiment\b|\bcorpus\b",
            _I,
        ),
        "text",
    ),
    (
        patterns.compile(
            r"\bone[\s-]?hot\w*|\bdumm(?:y|ies)(?: variables?| columns?| coding)?\b|\bget_dummies\b|\bOneHotEncoder\b"
            r"|\bcategorical (?:features?|variables?|columns?|data)\b|\bbinary (?:features?|columns?|flags?|variables?)\b",
            _I,
        ),
        "one_hot",
    ),
    (
        patterns.compile(r"\baudio\b|\bwaveforms?\b|\bspectrograms?\b|\bmfccs?\b|\bspeech\b|\.wav\b|\blibrosa\b", _I),
        "audio",
    ),
)
# Situations that change the advice, whatever the topic: a sparse matrix must not be centred, and a pretrained
# network expects the preprocessing it was trained with, not statistics of the learner's own data.
_SITUATIONS = (
    # sparse data, not a sparse model: a lasso "less sparse than it could be", "sparse solutions", "sparsity penalty"
    (
        patterns.compile(
            r"\bsparse\s+(?:data\w*|matri\w+|inputs?|features?|vectors?|arrays?|tables?|columns?|rows?|one-hot|tf-?idf"
            r"|representations?|counts?|bag)\b|\b(?:data|matrix|input|features?|inputs|X)\s+(?:is|are)\s+(?:very\s+|mostly\s+)?sparse\b"
            r"|\bcsr_matrix\b|\bscipy\.sparse\b|\bcsc_matrix\b|\bsparse\.\w+",
            _I,
        ),
        "sparse",
    ),
    (
        patterns.compile(
            r"\bpre-?trained\b|\bfine-?tun\w*|\btransfer learning\b|weights\s*=\s*['\"]imagenet|\bfrom_pretrained\b",
            _I,
        ),
        "pretrained",
    ),
)
_ILLUSTRATION = patterns.compile(
    r"\b(?:see|in|on|into|attached|shown\s+in|check|from)\s+(?:the|this|my|an?)\s+(?:attached\s+)?"
    r"(?:image|picture|screenshot|figure|pic)s?\b|\bscreenshots?\b",
    _I,
)
_OWN_PRETRAINING = patterns.compile(
    r"\b(?:unsupervised|layer-?wise|greedy)\s+pre-?train\w*|\bpre-?train\w*\s+(?:\w+\s+){0,2}(?:rbms?|dbns?|layers?|autoencoders?)\b"
    r"|\b(?:deep\s+belief|restricted\s+boltzmann|rbms?|dbns?)\b",
    _I,
)
_TABULAR = patterns.compile(r"\btabular\b|\bcsv\b|\bspreadsheet\b|\bdataframe\b|\bpd\.DataFrame\b|\bdf\.describe\b", _I)

# The language a learner works in, when it is not Python: R by its packages and assignment, other stacks by name.
# The chat then gives R's code, or the steps in words, instead of a scikit-learn block they cannot run.
_R_STACK = patterns.compile(
    r"\blibrary\s*\(\s*\w+\s*\)|\b(?:caret|tidymodels|recipes::\w+|step_normalize|step_center|step_scale|preProcess"
    r"|glmnet|vtreat|neuralnet|nnet|mlr3|data\.frame|tibble|dplyr|ggplot2?)\b|\w\s*<-\s*\w|\b(?:[Ii]n|[Ww]ith|[Uu]sing)\s+R(?:$|[^\w^²³ⁿ])"
    r"|\bR\s+(?:package|code|script|function|console|studio)s?\b|\bRStudio\b"
)
_OTHER_STACKS = patterns.compile(
    r"\b(?P<stack>brain\.js|tensorflow\.js|tfjs|ml5(?:\.js)?|synaptic(?:\.js)?|convnetjs|javascript|node\.js|php-ml"
    r"|php|deeplearning4j|dl4j|weka|ml\.net|accord\.net|c#|java|matlab|octave|julia|flux\.jl|mlj)(?:$|[^\w.]|\.(?:$|\s))",
    _I,
)
# JavaScript by its idioms when no library is named: `network.toJSON()`, `const net = …`, `console.log(…)`
_JAVASCRIPT_CODE = patterns.compile(r"\.toJSON\b|\b(?:const|let)\s+\w+\s*=|\bconsole\.log\s*\(|\brequire\s*\(\s*['\"]")
_MODEL_LABELS = {
    "kmeans": "k-means",
    "knn": "k-nearest neighbours",
    "svm": "SVM",
    "linear_regression": "linear regression",
    "logistic_regression": "logistic regression",
    "lasso": "Lasso",
    "ridge": "ridge regression",
    "mlp": "MLP",
    "cnn": "CNN",
    "lstm": "LSTM",
    "rnn": "RNN",
    "transformer": "transformer",
    "decision_tree": "decision tree",
    "random_forest": "random forest",
    "xgboost": "XGBoost",
    "lightgbm": "LightGBM",
    "naive_bayes": "naive Bayes",
    "pca": "PCA",
}
_ACTIVATION_LABELS = {"sigmoid": "sigmoid", "tanh": "tanh", "relu": "ReLU"}
_DATA_LABELS = {
    "images": "images",
    "time_series": "time series",
    "text": "text",
    "one_hot": "one-hot features",
    "tabular": "tabular data",
    "audio": "audio",
}


@dataclass(frozen=True)
class Entities:
    """The things a question names, each in a fixed vocabulary, or None."""

    model: str | None = None  # "kmeans", "knn", "svm", "linear_regression", …, "pca"
    activation: str | None = None  # "sigmoid", "tanh", "relu"
    scaler: str | None = None  # an id of scenario.vocabulary.SCALERS: "zscore", "minmax_symmetric", "divide_255", …
    data_kind: str | None = None  # "images", "time_series", "text", "one_hot", "tabular", "audio"
    model_text: str | None = field(default=None, compare=False)  # the model as written: "CatBoost", "nn.LSTM"
    situation: str | None = None  # "sparse", "pretrained": changes the advice, whatever the topic
    stack: str | None = field(default=None, compare=False)  # "R", or another non-Python stack as written ("brain.js")

    def labels(self) -> dict[str, str]:
        """Human labels for what was recognised: {"model": "k-means", "scaler": "min-max scaling to [−1, 1]"}."""
        labels = {}
        if self.model is not None:
            labels["model"] = self._model_label()
        if self.activation is not None:
            labels["activation"] = _ACTIVATION_LABELS[self.activation]
        if self.scaler is not None:
            labels["scaler"] = SCALERS[self.scaler].noun
        if self.data_kind is not None:
            labels["data_kind"] = _DATA_LABELS[self.data_kind]
        return labels

    def to_dict(self) -> dict[str, str]:
        """Only the recognised ones, in the fixed vocabulary (for `explainer ask --json`)."""
        found = {
            "model": self.model,
            "activation": self.activation,
            "scaler": self.scaler,
            "data_kind": self.data_kind,
            "situation": self.situation,
        }
        return {key: value for key, value in found.items() if value is not None}

    def _model_label(self) -> str:
        written = (self.model_text or "").lower()
        if self.model == "xgboost" and "xgb" not in written:
            return "CatBoost" if "catboost" in written else "gradient-boosted trees"
        if self.model == "mlp" and not patterns.search(r"mlp|perceptron", written):
            return "neural network"
        if self.model == "decision_tree" and not patterns.search(r"decision|desicion|decison", written):
            return "tree models"
        return _MODEL_LABELS[self.model]  # type: ignore[index]


def recognise(text: str) -> Entities:
    """The model, activation, scaler and data kind a message names (None for each it does not)."""
    cleaned = clean_text(text)
    model, model_text = _model(cleaned)
    described = _ILLUSTRATION.sub(" ", cleaned)  # "see the image": a screenshot of the post, not image data
    situation = _first(cleaned, _SITUATIONS)
    if situation == "pretrained" and _OWN_PRETRAINING.search(cleaned):
        situation = None  # a deep belief net the learner pretrains layer by layer: no published preprocessing to reuse
    return Entities(
        model=model,
        activation=_activation(cleaned),
        scaler=_scaler(cleaned),
        data_kind=_first(described, _DATA_KINDS) or ("tabular" if _TABULAR.search(cleaned) else None),
        model_text=model_text,
        situation=situation,
        stack=_stack(cleaned),
    )


def _stack(text: str) -> str | None:
    """ "R" when the message is in R, another stack's name as written ("brain.js"), None for Python or nothing said."""
    if patterns.search(
        r"\b(?:sklearn|scikit-learn|import\s+\w+|numpy|pandas|torch|keras)\b|\btensorflow(?:$|[^.\w])", text
    ):
        return None  # Python's own names: the scikit-learn block fits
    if _R_STACK.search(text):
        return "R"
    other = _OTHER_STACKS.search(text)
    if other:
        return other["stack"]
    return "JavaScript" if _JAVASCRIPT_CODE.search(text) else None


# An activation in code: called (`ReLU()`), a layer's module (`nn.Tanh`), or an argument (`activation='relu'`)
_ACTIVATION_IN_CODE = patterns.compile(r"^\w*\(|^['\"]")  # `ReLU(`, not prose's "sigmoid (logistic)"
_ACTIVATION_ARGUMENT_BEFORE = patterns.compile(r"(?:\bnn\.|\bactivation\s*=\s*['\"]?|\bF\.)$")


def _activation(text: str) -> str | None:
    """The activation the code uses, else the one named first: "the book explains the sigmoid, but the code uses
    ReLU()" is about ReLU."""
    in_code = []
    for pattern, value in _ACTIVATIONS:
        for match in pattern.finditer(text):
            after, before = text[match.end() : match.end() + 3], text[max(0, match.start() - 14) : match.start()]
            if _ACTIVATION_IN_CODE.match(after) or _ACTIVATION_ARGUMENT_BEFORE.search(before):
                in_code.append((match.start(), value))
                break
    return min(in_code)[1] if in_code else _first(text, _ACTIVATIONS)


def _first(text: str, patterns: tuple[tuple[patterns.Pattern, str], ...]) -> str | None:
    found = [(match.start(), value) for pattern, value in patterns if (match := pattern.search(text))]
    return min(found)[1] if found else None


def _model(text: str) -> tuple[str | None, str | None]:
    found: list[tuple[bool, bool, int, str, str]] = []  # (not in code, left behind, position, value, as written)
    for pattern, value in _MODELS:
        named = False
        for match in pattern.finditer(text):
            if value == "transformer" and (
                _NOT_A_NETWORK.search(text[max(0, match.start() - 12) : match.start()])
                or (_DATA_TRANSFORMS.search(text) and not _ATTENTION.search(text))
            ):
                continue  # "quantile transformer", "ColumnTransformer", ML.NET's transforms: preprocessing
            in_code = bool(_CODE_MODEL.match(text[match.start() : match.end() + 2])) or bool(
                _CODE_BEFORE.search(text[max(0, match.start() - 25) : match.start()])
            )
            if not named or in_code:
                left = bool(_LEFT_BEHIND.search(text[max(0, match.start() - 30) : match.start()]))
                found.append((not in_code, left, match.start(), value, match[0]))
                named = True
            if in_code:
                break  # the first time it is named, and the first time it is in code, are all that count
    if not found:
        for pattern, value in ((_TREES, "decision_tree"), (_NEURAL_NETWORK, "mlp")):
            for match in pattern.finditer(text):
                if value == "decision_tree" and _NOT_ML_TREE.search(text[max(0, match.start() - 12) : match.start()]):
                    continue
                found.append((True, False, match.start(), value, match[0]))
                break
    if not found:
        return None, None
    _, _, _, value, written = min(found)
    return value, written


def _scaler(text: str) -> str | None:
    """The scaler named first (scenario.vocabulary): "MinMaxScaler(feature_range=(-1, 1))" is "minmax_symmetric"."""
    named = named_scalers(text)
    return named[0] if named else None
