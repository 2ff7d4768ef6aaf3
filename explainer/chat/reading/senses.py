"""Other senses of "normalize", "scale" and "standard": a database, a sound file, a string, a photo…

The classifier learns off-topic questions from examples, but a homonym can still look like ours
("normalize the volume of my podcast episodes so they all sound the same" shares every word with
"normalize the features so they all look the same"). A message that uses the vocabulary of
another field and none of machine learning's is about that field: this module says which one, so
the chat can decline politely and name it. It never turns an ML question away: any ML word
(gradient, model.fit, StandardScaler, epoch, …) keeps the classifier's reading.
"""

from __future__ import annotations

from explainer.text import patterns

# Data prepared for training or fed to a network ("normalize the data for training", "before they go into the
# network", "the network still converges", a `normalize_x` for the inputs and `normalize_y` for the targets, an
# embedding by UMAP or t-SNE, columns scaled for a clustering): machine learning, whatever other field's words
# the post uses.
_FOR_A_NETWORK = (
    r"\bnormali[sz]\w*\s+(?:\w+\s+){0,3}for\s+(?:(?:model|network|nn|neural|cnn|tts|asr|vocoder|faster)\s+)?training\b|\bgo(?:es)?\s+into\s+the\s+(?:net|network|model)\b"
    r"|\bthe\s+network\s+(?:\w+\s+){0,4}converges?\b|\bnetwork\s+architecture\b|\bnormali[sz]e_?[xy]\b"
    r"|\b(?:umap|t-?sne)\b|\bscal\w*[^?!]{0,120}\bclustering\b|\bclustering\b[^?!]{0,120}\bscal\w*"
    r"|\bpredicted\s+values\b"  # "you denormalize the predicted values with the test data": a model's output
)
# A model at work, not a 3D model, a climate model or an imported one: "a model trained on PTB-XL", "a spam
# detection model", "predict grades … with a model", "before the model sees it"
_MODEL_AT_WORK = (
    r"\b(?:model|network|net|classifier)s?\s+(?:(?:was|were|is|are|been)\s+)?trained\s+(?:on|with)\b"
    r"|\b(?:detection|prediction|recommendation|classification|recognition|segmentation|forecasting|grading|ocr|spam"
    r"|regression|seq2seq)\s+(?:models?|networks?|nets?)\b|\bwith\s+(?:a|my|the|our)\s+(?:\w+\s+)?model\b|\b(?:before|after)\s+(?:the|my)\s+model\b"
    # "scale one new sample the same way as in training", "at inference time": data meeting a trained model
    r"|\b(?:scal|normali[sz]|standardi[sz])\w*\b[^.?!\n]{0,80}\b(?:as|like)\s+(?:in|during|at|for)\s+training\b"
    r"|\bat\s+(?:inference|prediction)\s+time\b"
)
# Weaker cues ("why is the speed divided by 12 before it is given to the model", in `train.py`; "is one of them
# better for training"; test data beside training; a fit to the data): evidence of ML when no other field is named,
# never a veto of one ("which running shoes are better for training", "the table fits the data")
_WEAK_ML_CUES = (
    r"\b(?:given|fed|passed|sent)\s+(?:in)?to\s+the\s+(?:net|network|model)\b|\btrain\.py\b"
    r"|\b(?:better|worse|best|good|bad|matters?|helps?)\s+for\s+(?:the\s+)?training\b"
    r"|\btest\s+data\b[^.?!]{0,200}\btraining\b|\btraining\b[^.?!]{0,200}\btest\s+data\b"
    r"|\bfit(?:s|ted|ting)?\b[^.?!\n]{0,30}\b(?:data|points|dataset)\b"
    # "the data loader divides by 255", "my model trains much slower"
    r"|\bdata[\s_-]?loaders?\b|\bdivid\w*\s+(?:\w+\s+){0,3}by\s+255\b"
    r"|\b(?:model|network|net)\s+(?:\w+\s+)?(?:trains|learns|converges|overfits)\b"
    # "my inputs go from 0 to 1 but the network's results are still bad": a network fed inputs, judged by its results
    r"|\binputs?\b[^.?!\n]{0,80}\bnetwork(?:'s)?\b|\b(?:my|the|our)\s+network(?:'s)?\s+(?:results?|accuracy|predictions?|outputs?)\b"
    r"|\bfeed(?:s|ing)?\s+(?:it\s+|them\s+)?(?:in)?(?:to\s+)?the\s+(?:model|network|net)\b"
    r"|\bclassif(?:y|ies|ied|ying)\b"  # "classify bibliography entries"
    # "the price prediction chart shows scaled values": a model's predictions, plotted
    r"|\bpredict(?:ion|ed)\s+(?:chart|plot|graph|curve)s?\b|\b(?:price|stock|sales|demand|load)\s+predictions?\b"
    r"|\b(?:uint8|uint16|float16|float32|float64)\b"  # arrays in code: "uint16 bands to float in [0, 1]"
    # "volume as an extra input feature", "clustering latitude/longitude": a model's inputs, a clustering
    r"|\b(?:extra|additional|new|another|fourth|fifth)\s+input\s+features?\b"
    r"|\binput\s+features?\s+(?:to|of|for|into)\s+(?:the|my|a|our)\s+(?:model|network|net|classifier|regressor)\b"
    r"|\b(?:k-?means|hierarchical|agglomerative|spectral|density[\s-]based)\s+clustering\b"
    r"|\bclustering\s+(?:algorithms?|analysis|the\s+data|latitude|(?:\w+\s+)?points)\b"
    r"|\bcox(?:ph)?\b|\bproportional\s+hazards?\b|\bhazard\s+ratios?\b|"  # a fitted survival model's coefficients
    + _MODEL_AT_WORK
    # a regression's predictors back-transformed or scaled ("backtransform predictors", "scale all predictors"; not a
    # psychologist's "workload scales … predictors"), a fitted regression model (not an SIR model or a kitchen's)
    + r"|\b(?:back-?transform|un-?scal|rescal|standardi[sz]|normali[sz])\w*\s+(?:the\s+|my\s+|our\s+|all\s+|these\s+)?predictors\b"
    r"|\b(?:scal(?:e|ed|ing)|cent(?:er|re)(?:d|ing)?)\s+(?:the|my|our|all|these|its)\s+(?:\w+\s+)?predictors\b"
    r"|\bfitted\s+(?:regression|linear|logistic|glm|lm|mixed|lasso|ridge|elastic[\s-]net)\s+models?\b"
    r"|\bcoefficients\s+of\s+(?:the|my|our)\s+fitted\s+models?\b"
    # "what range the input values need to be in: between 0 and 1, between -1 and +1? Same for the output"
    + r"|\brange\s+(?:\w+\s+){0,2}inputs?\s+values?\b|\binputs?\s+values?\s+(?:\w+\s+){0,4}(?:between|in\s+the\s+range)\b"
)
# Point-cloud networks and their data sets, a tutorial's data set, statistics that leak into training: words of ours
# (a veto of another field) and evidence enough to answer (the Jena climate tutorial is not climate science)
_NAMED_ML = (
    r"pointnet\w*|dgcnn|modelnet\w*|shapenet\w*|jena\s+climate|(?:target|label)\s+leak\w*|data\s+leakage"
    r"|leak\w*\s+(?:in)?to\s+the\s+(?:statistics|training|test|validation)\w*"
)
# Values fed to one's own model or network ("before feeding the Ct values to my model", "I pass them to a network"):
# ML even among another field's words. Fed to "the model" or "the network" is only a weak cue (_WEAK_ML_CUES): those
# are an ORM's, a climate projection's or a power grid's as often
_FED_TO_A_MODEL = (
    r"\b(?:feed|feeds|feeding|fed|pass|passing|passed|give|giving|given|sent|send|sending)\s+(?:[\w'-]+\s+){0,4}"
    r"(?:in)?to\s+(?:a|my|our)\s+(?:neural\s+)?(?:net|network|model|cnn)s?\b"
)
# A data split, an agent's spaces, a fitted GLM: machine learning among a climate record's or an epidemiologist's
# words ("data_train", "train, val and test", "the observation and action spaces of my PPO", "glm(counts ~ x)")
_SPLITS_AGENTS_AND_GLMS = (
    r"\b(?:data|x|y|df|ds)_(?:train|val|valid|test)\b|\btrain\s*,\s*val(?:idation)?\s*,?\s*(?:and|&)\s*test\b"
    r"|\btrain(?:ing)?\s*/\s*val(?:idation)?\s*/\s*test\b|\btraining\s+(?:split|portion)\b"
    r"|\bsplit\w*\s+(?:\w+\s+){0,3}into\s+(?:a\s+)?train(?:ing)?\s+(?:and|&)\s+(?:a\s+)?test\b"
    r"|\b(?:ppo|dqn|a2c|ddpg|td3|reinforcement[\s_-]learning|observation[\s_-]spaces?|action[\s_-]spaces?"
    r"|stable[\s_-]baselines\d*|policy[\s_-]gradients?|deep[\s_-]rl|rl\s+(?:codebases?|agents?|algorithms?|libraries)"
    r"|value[\s_-]targets?|reward[\s_-]normali[sz]\w*|normali[sz]\w*\s+(?:the\s+)?(?:rewards?|advantages?)"
    r"|(?:state|obs|observation)_?normali[sz]er\w*|running_?mean_?std)\b"  # an agent's running input statistics
    # "a made-up data set of 25 features": a table of features, whatever they measure
    r"|\b(?:data[\s_-]?set|dataset|table)\s+(?:of|with)\s+\d+\s+(?:features|predictors|attributes)\b"
    # a model formula fitted in R (an fMRI analysis's "general linear model" and a report's "std. beta" are not)
    r"|\b(?:lm|glm|glmer|lmer|glm\.nb)\s*\(\s*[\w.]+\s*~|\b(?:poisson|binomial|gamma)\s+(?:glms?|regression)\b|"
    + _FED_TO_A_MODEL
)
# Compiled apart from the long alternations below, which RE2 runs faster while they stay small
_SPLITS_AGENTS_AND_GLMS_FOUND = patterns.compile(_SPLITS_AGENTS_AND_GLMS, patterns.IGNORECASE)
# Words that machine learning uses and others rarely do: one of them keeps a message ours.
_ML_WORDS = patterns.compile(
    r"\b(?:gradients?|learning[\s_-]?rates?|epochs?|neural|regressions?|regressors?|classifiers?|classification"
    r"|sklearn|scikit|keras|pytorch|torch|tensorflow|optimi[sz](?:er|ers|ation)|adam|sgd|knn|k-?nn"
    r"|feature[\s_-]scaling|mean[\s_-]normali[sz]ation"  # a course quiz on exam scores is still feature scaling
    r"|" + _NAMED_ML + r"|k-?means|kmeans|svms?|svc|svr|pca|scalers?|\w*scaler|batch[\s_-]?norm\w*|layer[\s_-]?norm\w*"
    r"|neurons?|activations?|relu|sigmoid|tanh|xgboost|lightgbm|catboost|random[\s_-]forests?"
    r"|decision[\s_-]trees?|machine[\s_-]learning|deep[\s_-]learning|overfit\w*"
    r"|cnns?|lstms?|rnns?|mlps?|perceptrons?|backprop\w*|coef_?|hessian|condition[\s_-]number"
    r"|whiten\w*|embeddings?|logistic|lasso|ridge|regulari[sz]\w*|hyper-?parameters?|dataframe|numpy|pandas"
    r"|autoencoders?|dimensionality[\s_-]reduction|t-?sne|umap|logits?|distillation|u-?nets?|resnet\w*|bert\w*"
    r"|llms?|vits?|gnns?|convlstm\w*|diffusion[\s_-]models?|eegnet|wav2vec\w*|phasenet|im2latex|batch[\s_-]?sizes?"
    r"|tf-?idf|fine-?tun\w*|(?:un|semi-?)?supervised[\s_-](?:\w+[\s_-])?(?:model|learning|learner)s?"
    r"|train(?:ing)?[\s_-](?:set|data|loss|accuracy)|test[\s_-]set|dbscan"
    # a tidymodels recipe's scaling steps ("step_center(), step_scale() from recipes": not a cook's recipes) and a
    # LIME explainer of a fitted model (not the fruit)
    r"|step_(?:normalize|center|scale|range)|lime\s+explain\w*|lime::\w+)\b"
    r"|\blearn(?:s|ing)?\s+(?:faster|slower|at\s+all|speed)|\b(?:help|speed\w*\s+up|slow\w*\s+down)\s+(?:the\s+)?(?:learning|training)\b"
    # "what the network saw during training", "my model predicts …", "train a model", "before training"
    r"|\b(?:model|network|net)\s+saw\s+(?:during|in)\s+training\b"
    r"|\bmodels?\s+(?:trains?|predicts?|outputs?|sees|saw|learns?|classif\w*)\b"
    r"|\btrain(?:s|ed|ing)?\s+(?:a|an|my|the|our)\s+(?:\w+\s+)?(?:models?|networks?|nets?)\b|\b(?:before|during|while|after)\s+training\b"
    r"|"
    + _MODEL_AT_WORK
    + r"|\bwith\s+a\s+transformer\b|\btransformer\s+(?:model|encoder|decoder)s?\b|\blagged\s+(?:\w+\s+)?features\b"
    r"|\b(?:output|predicted|produced|returned)\s+by\s+(?:my|the|a|our)\s+(?:\w+\s+)?model\b"
    r"|\.fit\b|fit_transform|" + _FOR_A_NETWORK,
    patterns.IGNORECASE,
)
# Words machine learning shares with other fields ("the input string", "50 mL", "weight of the sample",
# "accuracy of the dilution"): they keep a message ours unless the other field's words are more than twice as many.
_SHARED_WORDS = patterns.compile(
    r"\b(?:inputs?|features?|weights?|datasets?|predict\w*|accuracy|iterations?|loss(?:es)?|ml|lr|gd|cluster\w*"
    r"|converge\w*|intercepts?)\b",
    patterns.IGNORECASE,
)
_UNMISTAKABLY_ML = patterns.compile(
    r"\b(?:gradient[\s_-]descent|gd|sgd|learning[\s_-]?rates?|epochs?|neural[\s_-]net\w*|sklearn|scikit-learn|keras"
    r"|pytorch|tensorflow|optimi[sz]ers?|k-?nn|k-?means|kmeans|k-?(?:prototypes?|modes|medoids)|svms?|svc|svr|pca|\w*scaler|batch[\s_-]?norm\w*"
    r"|relu|sigmoid|tanh|xgboost|lightgbm|catboost|random[\s_-]forests?|machine[\s_-]learning|deep[\s_-]learning"
    r"|cnns?|lstms?|rnns?|mlps?|perceptrons?|backprop\w*|hessian|logistic[\s_-]?regression|linear[\s_-]?regression"
    r"|lasso|ridge[\s_-]regression|(?:un|semi-?)?supervised[\s_-](?:\w+[\s_-])?(?:model|learning|learner|task|problem)s?|\w+(?:classifier|regressor)|nn\.\w+|feature[\s_-]scaling|feature[\s_-]ranges?|standardi[sz]\w*\s+(?:the\s+)?features"
    # a network's layers by their library names (Conv2d, InstanceNorm2d, LayerNorm, softmax)
    r"|(?:conv|convtranspose|maxpool|avgpool|\w*norm)[123]d|(?:instance|layer|group)[\s_-]?norm\w*|softmax|logits?"
    r"|(?:knowledge[\s_-])?distillation|u-?nets?|resnet\w*|bert\w*|llms?|vits?|gnns?|convlstm\w*|diffusion[\s_-]models?"
    r"|eegnet|wav2vec\w*|phasenet|im2latex|fine-?tun\w*|tf-?idf|min[\s_-]?max[\s_-]?(?:scal\w*|normali[sz]\w*)"
    r"|(?:human\s+)?activity\s+recognition|gesture\s+recognition"
    # a network's unit by its place ("the 1st output neuron", "41 input neurons"); a brain's "output neurons of the
    # cerebellum" are a neuroscientist's, and GIS has input layers, so only hidden ones are ours
    r"|(?:input|output|hidden)[\s_-]+neuron|\d+\s+(?:input|output|hidden)[\s_-]+neurons|hidden[\s_-]+layers?"
    # the mean image a network's inputs are centred on ("the mean image is chosen to be 144")
    r"|mean[\s_-]image\s+(?:is|was)\s+(?:chosen|subtracted|computed)|subtract\w*\s+the\s+mean\s+image"
    # the two usual feature scalings weighed against each other ("plain min-max or z-scores")
    r"|min[\s_-]?max\s+(?:or|and|vs\.?|versus)\s+z[\s_-]?scor\w*|z[\s_-]?scor\w*\s+(?:or|and|vs\.?|versus)\s+min[\s_-]?max"
    # speech synthesis networks and a training script's hyperparameters (`hparams.min_level_db`)
    r"|tacotron\w*|wavenet|waveglow|hifi-?gan|espnet|fastspeech\w*|hparams|hyper_?params"
    # what standardizing does, asked in those words: this tutor's own subject, in a statistics class or not
    r"|subtract\w*\s+the\s+mean\s+and\s+divid\w*\s+by\s+the\s+(?:standard\s+deviation|sd|std)|" + _NAMED_ML + r")\b",
    patterns.IGNORECASE,
)
# Code, data sets and parts of a model that only machine learning has: with any of these a message is ours,
# whatever the classifier's off-topic share (issue 18: a decline is the worst answer a learner can get).
_ML_CODE = patterns.compile(
    r"\b(?:np|numpy|torch|tf|keras|nn|optim|transforms|sklearn|F)\.\w+|\.fit\s*\(|\.predict\s*\(|\bx_train\b"
    r"|\b(?:mnist|cifar\w*|imagenet|iris\s+dataset|kaggle\s+notebook|nyud?v2|nyu[\s-]depth\w*|kitti|cityscapes)\b"
    r"|\bnpy\s+files?\b|\w\.npy\b|\b(?:xavier|kaiming|glorot|he)[\s_-]init\w*"
    r"|\binitiali[sz]\w*\s+(?:the\s+)?weights|\bweights?\s+init\w*|\blayers?\b|\bnearest[\s-]+neighbou?rs?\b"
    r"|\b(?:lr|learning_rate|alpha)\s*=\s*[\d.]|\b(?:train|training|val|validation)\s+(?:accuracy|loss)\b"
    r"|\b(?:loss|cost)\s+(?:is|goes|went|becomes|became)\s+(?:nan|inf)\b|\bepochs?\b|\bsequential\b"
    # JavaScript and JVM networks (`net.train(…)`, brain.js), a hand-written update (`X.T @ w`, `w -= lr * dw`)
    r"|\bnet\.(?:train|run|fit|predict|activate)\s*\(|\b(?:brain\.js|synaptic\.js|new\s+synaptic|tfjs|tensorflow\.js"
    r"|ml5|convnetjs|deeplearning4j|dl4j|mxnet|caffe|theano|weka|mlpack|paddle\w*|flux\.jl|mlj|mlr3?|tidymodels"
    r"|caret|h2o|darts|sktime|jax|flax|brms|rstanarm|vtreat|step_(?:normalize|center|scale|range))\b|\b(?:brm|stan_glm|lm|glm|lmer|glmer|glmnet|cv\.glmnet)\s*\(\s*\w+\s*~|\btraining\s+(?:set|data|samples?|crashes|diverges|stops)\b|\bX\.T\s*@|@\s*w\b|\b[wb]\s*-=\s*\w+\s*\*\s*d[wb]\b"
    r"|\bclassifiers?\b|\bsentiment\s+analysis\b"
    # physics-informed networks: a PDE solved by training, not by a solver
    r"|\bpinns?\b|\bphysics[\s-]+informed\b|\bdeepxde\b"
    # the MEAN and STD constants of someone's code, asked about beside a normalisation
    r"|\b(?:mean|std)\s+and\s+(?:std|mean)\s+(?:values|lists|constants|arrays|vectors|tensors)\b[^?!]{0,160}\bnormali[sz]\w*"
    r"|\bnormali[sz]\w*[^?!]{0,160}\b(?:mean|std)\s+and\s+(?:std|mean)\s+(?:values|lists|constants|arrays|vectors|tensors)\b"
    r"|\btrain(?:s|ed|ing)?\s+(?:a|the|my|our|this)\s+(?:small\s+|simple\s+|deep\s+)?(?:neural\s+)?(?:net|network|model)s?\b"
    r"|\bneural\s+(?:net|network)s?\b|\bautoencoders?\b|\bdimensionality[\s_-]reduction\b"
    # fitting a curve (`polyfit`, `PolynomialRegression`), a network that should learn, one's own data to train on
    r"|\bpolyfit\b|\bcurve[\s_-]?fit\w*|\bpolynomial\s+(?:fit\w*|regression|degree)|\bdegree\s+\d+\s+polynomial"
    r"|\b\w+Regression\b|\bnetwork\s+(?:\w+\s+){0,2}learn\w*|\bnetwork\s+(?:to\s+)?output\w*"
    r"|\btrain(?:ing)?\s+(?:\w+\s+)?on\s+(?:my|our|a|the|your)\s+(?:own\s+|new\s+)?(?:data\w*|images|custom)|"
    + _FOR_A_NETWORK
    + "|"
    + _WEAK_ML_CUES,
    patterns.IGNORECASE,
)
# Kubernetes' autoscaler and a kettle's descaler are not a StandardScaler
_NOT_A_SCALER = patterns.compile(
    r"\w*autoscal\w*|\bdescal\w*|\b(?:keda|prometheus|cpu|memory|cron|kafka|rabbitmq)\s+scalers?\b", patterns.IGNORECASE
)
# A chart's colour gradient is not a loss's gradient
_NOT_A_GRADIENT = patterns.compile(r"\bcolou?r\s+gradients?\b", patterns.IGNORECASE)
# A living neuron's recorded trace is a neuroscientist's, not a network's unit
# … a radiotherapy plan's optimization is a planner's ("a VMAT optimization algorithm")
_NOT_A_UNIT = patterns.compile(
    r"\b(?:each\s+)?neurons?(?:['’]s?)?\s+(?:traces?|activity|firing|fluorescence|calcium)\b"
    r"|\b(?:vmat|imrt|treatment[\s-]plan(?:ning)?|dose)\s+optimi[sz]ation\b",
    patterns.IGNORECASE,
)
# A cell's pathway switched on is a biologist's ("signaling pathway activation"), unless a model is at work beside it
# ("predict T cell activation; the network trains poorly"): see _without_other_units
_A_CELLS_ACTIVATION = patterns.compile(
    r"\b(?:pathways?|signal(?:l)?ing|receptors?|kinases?|enzymes?|immune|platelets?|macrophages?|[tb][\s-]cells?)"
    r"\s+activation\b",
    patterns.IGNORECASE,
)
# Shipping a model (Docker, an endpoint) is machine learning but not this tutor's subject: the classifier decides.
# … unless the message is about training it ("the model trains fine on 1,000 sentences, inside a Docker image").
_TRAINING = patterns.compile(r"\btrain(?:s|ing)\b", patterns.IGNORECASE)
_SERVING = patterns.compile(r"\b(?:docker\w*|rest\s+api|endpoints?|fastapi|flask|deploy\w*)\b", patterns.IGNORECASE)
_SENSES: tuple[tuple[str, str], ...] = (
    (
        "database normalization",
        r"invoices?|(?:orders|customers|clients|products)\s+tables?|third\s+normal|lossless|decompositions?"
        r"|sql|mysql|postgres\w*|sqlite|database|db\s+design|schemas?|normal[\s_-]forms?|foreign[\s_-]keys?"
        r"|primary[\s_-]keys?|joins?|denormali[sz]\w*|orm|redundan\w+|relational|many[\s_-]to[\s_-]many"
        r"|prime\s+attributes?|super-?keys?|entity[\s-]relationship|failover\s+cluster\w*|sql\s+server"
        r"|determines?\s+(?:every|all|each)\s+(?:other\s+)?(?:columns?|attributes?)"
        r"|normali[sz]ed\s+tables?|tables?\s+(?:\w+\s+){0,2}normali[sz]ed|[a-z_]+\.[a-z_]+\s+tables?"
        r"|design\s+(?:\w+\s+){0,2}tables?|tables?\s+design|(?:smaller|separate|several)\s+tables",
    ),
    (
        "audio loudness",
        r"audio|loudness|lufs|volume|podcasts?|mp3s?|wavs?|flac|ffmpeg|loudnorm|audacity|decibels?|dbfs|replaygain|mp3gain"
        r"|album\s+(?:mode|gain)|track\s+(?:mode|gain)"
        r"|songs?|music\s+files?|playlist|daw|mixing|mastering|microphone|recordings?",
    ),
    (
        "text and Unicode normalization",
        r"unicode|utf-?8|strings?|accents?|diacritics|whitespace"
        r"|case[\s_-]?folding|emails?(?:\s+address(?:es)?)?|phone\s+numbers?|(?:postal|street|mailing)\s+addresses"
        r"|regex",
    ),
    (
        "email addresses",
        r"gmail|hotmail|outlook\.com|e-?mail\s+address(?:es)?|inbox(?:es)?|mailbox(?:es)?|[\w.+-]+@[\w-]+\.(?:com|org|net|edu)",
    ),
    (
        "LaTeX, BibTeX and bibliographies",
        r"latex|bibtex|biblatex|bibliograph\w*|bib|inproceedings|incollection|phdthesis"
        r"|booktitle|overleaf|citation\s+(?:keys?|styles?|entries)|bib\s+entr(?:y|ies)",
    ),
    (
        "economics and price indices",
        r"cpi|consumer\s+price\s+ind\w*|price\s+ind(?:ex|exes|ices)|base\s+(?:period|year)s?|inflation|deflat\w*|gdp|ppp"
        r"|purchasing\s+power|rebas(?:e|ed|ing)\s+(?:the\s+|a\s+|my\s+|our\s+)?(?:cpi|index|indices|series|prices?)"
        r"|real\s+terms|basket",
    ),
    (
        "EEG and other biosignal recordings",
        r"eegs?|ecgs?|emgs?|hrv|average\s+reference|re-?referenc\w*|montages?|electrodes?|eeglab|fieldtrip|mne(?:-python)?"
        r"|erps?|scalp|maximum\s+voluntary\s+contraction|mvc",
    ),
    (
        "nutrition",
        r"nutrients?|nutrition\w*|vitamins?|fdc|usda|per\s+serving|per\s+100\s?g(?:rams?)?|calor(?:ie|ies)|kcal"
        r"|sodium|food\s+labels?|breakfast\s+cereals?|dietary|dietitians?",
    ),
    (
        "seismology",
        r"seism\w*|earthquakes?|obspy|pysep|record\s+sections?|synthetics|global_norm",
    ),
    (
        "grading and peer evaluation",
        r"rubrics?|peer[\s-](?:evaluations?|assessments?|grading|reviews?)|gradebooks?|grading|grades?",
    ),
    (
        "climate science",
        r"climate|cmip\d*|decadal|reference[\s-]period|pre-?industrial|(?:climate|temperature)\s+anomal\w*|ipcc|era5"
        r"|reanalysis|ensembles?\s+(?:mean|members?|of\s+models)|projections|ssp\d-?\d\.?\d|rcp\s?\d\.?\d|gcms?|warming",
    ),
    (
        "public finance and per-person figures",
        r"per[\s-](?:capita|person|head|resident)|count(?:y|ies)|spending|taxes|taxpayers?|municipal\w*|expenditures?",
    ),
    (
        "phone numbers",
        r"phone\s+numbers?|libphonenumber\S*|e\.?164|country\s+calling\s+codes?|international\s+dial(?:ing|ling)",
    ),
    (
        "file paths",
        r"file\s*paths?|normpath|path\.(?:normalize|join|resolve|relative)|os\.path|pathlib|trailing\s+slash(?:es)?"
        r"|dirname|basename|symlinks?|absolute\s+paths?|relative\s+paths?",
    ),
    (
        "web crawling and URLs",
        r"crawl\w*|web\s+spiders?|hostnames?|href|sitemaps?|robots\.txt|canonical\s+urls?|url\s+normali[sz]\w*"
        r"|query\s+strings?|urls?|url_\w+|rfc\s?\d{3,4}|abs_path|percent[\s-]encod\w*",
    ),
    (
        "version control and line endings",
        r"crlf|autocrlf|\.?gitattributes|line[\s-]endings?|eol|working[\s-]tree|git\s+add\s+--renormali[sz]e"
        r"|git\s+config|core\.autocrlf|git\s+rebase|interactive\s+rebase|rebas(?:e|ed|ing)\s+(?:onto|on\s+top|(?:my|the|a)\s+branch)"
        r"|merge\s+conflicts?",
    ),
    (
        "front-end state management",
        r"redux|ngrx|normalizr|vuex|pinia|mobx|reducers?|store\s+state|state\s+shape|(?:entity|entities)\s+adapter"
        r"|angular|denormali[sz]ing\s+state",
    ),
    (
        "microscopy",
        r"microscop\w*|fluorescen\w*|flat[\s-]?field\w*|imagej|fiji|confocal|daughter\s+cells"
        r"|cell\s+lineages?|photobleach\w*",
    ),
    (
        "point clouds and 3D meshes",
        r"cloudcompare|point\s+clouds?|meshes?|mesh\s+normals|normals\s+of\s+(?:a|the)\s+mesh|lidar|\.ply|\.las"
        r"|pcl|open3d",
    ),
    (
        "photography, brightness and contrast",
        r"photoshop|gimp|lightroom|photos?|photographs?|exposure|histogram\s+equali[sz]ation|astrophotograph\w*"
        r"|nebula|camera|raw\s+files?|x-?rays?|window/level|monitor|brightness"
        r"|flat[\s-]?fields?|dark[\s-]?frames?|demosaic\w*|imagemagick|imagick|contrast[\s-]?stretch\w*"  # not "vignette": an R package's guide
        # stacking software and its normalization options ("additive with scaling" is Siril's)
        r"|siril|deep\s*sky\s*stacker|pixinsight|light\s+frames|(?:additive|multiplicative)\s+with\s+scaling",
    ),
    (
        "vector graphics and SVG",
        r"svgs?|stroke[\s_-]width|viewbox|inkscape|penpot|vector\s+graphics|bezier|<path|<rect|<circle",
    ),
    (
        "search engines",
        r"elasticsearch|elastic\s+(?:search|cloud|stack)|kibana|opensearch|solr|lucene|analy[sz]ers?|asciifold\w*|keyword\s+fields?|index\s+time|query\s+time"
        r"|search\s+results?|search\s+index\w*|keyword\s+normali[sz]ers?",
    ),
    (
        "hydrology",
        r"watersheds?|runoff|baseflow|streamflow|lateral\s+flow|catchments?|hydrograph\w*|aquifers?|groundwater"
        r"|watershed\s+outlets?|stream\s+discharge",
    ),
    (
        "analytical chemistry and mass spectrometry",
        r"mzmine|mass\s+spec\w*|lc-?ms|gc-?ms|ms/ms|internal\s+standards?|standard\s+compounds?|peak\s+areas?"
        r"|chromatogra\w*|metabolom\w*|m/z|analytes?|calibration\s+curves?",
    ),
    (
        "CSS, page layout and UI rendering",
        r"css|html|transform:\s*scale|scale\(|div|font[\s_-]?sizes?|browsers?|normalize\.css|reset\.css|responsive"
        r"|viewport|dpi\s+scaling|display\s+scaling|modal|flexbox|tailwind|bootstrap|hover\w*|zoom(?:s|ed|ing)?|blurry"
        r"|chrome|firefox|safari|scss|sass|padding|margin-(?:top|bottom|left|right)",
    ),
    (
        "statistics coursework",
        r"z-?tables?|p-?values?|shapiro\w*|normality|qq[\s-]?plots?|standard\s+errors?|t-?tests?|z-?tests?"
        r"|textbook|exams?|homework|bell\s+curve|confidence\s+intervals?|hypothesis\s+tests?|iq|norm[\s-]referenced"
        r"|midterms?|raw\s+scores?|test\s+scores?|percentiles?|grades?|standardi[sz]ed\s+(?:test\s+)?scores?",
    ),
    (
        "chemistry: standardizing a solution",
        r"titrat\w*|molar\w*|naoh|hcl|khp|phthalate|phenolphthalein|burettes?|pipettes?|erlenmeyer|reagents?"
        r"|stock\s+solutions?|solutions?\s+of\s+\w+\s+\w+ide|indicators?|moles?|hydroxide|acids?|flasks?",
    ),
    (
        "chemistry: standardizing molecules",
        r"smiles\s+(?:strings?|notation|codes?)|mols?|molecules?|molblock|tautomers?|stereo\w*|isomer\w*|chembl|pubchem"
        r"|sdf|atoms?|aromatic\w*|neutrali[sz]\w*|cheminformatics",
    ),
    (
        "postal addresses",
        r"addresses|streets?|avenues?|post\s?codes?|zip\s?codes?|geocod\w*",
    ),
    (
        "scaling servers",
        r"kubernetes|k8s|pods?|autoscal\w*|aws|ec2|servers?|replicas|load\s+balancer|horizontal(?:ly)?\s+scal\w*"
        r"|vertical(?:ly)?\s+scal\w*|microservices?|traffic|\w*autoscal\w*|\w*replica\w*|kubectl|hpa|deployments?|keda"
        r"|scaledobjects?",
    ),
    (
        "vectors in game development and graphics",
        r"godot|unity|unreal|games?|player|velocity|quaternions?|vector3|vector2|normal\s+maps?|shaders?|meshes?"
        r"|\w*sprites?|diagonal(?:ly)?\s+(?:movement|speed)|(?:mov\w+|goes|walk\w*)\s+diagonally|direction\s+vectors?"
        r"|zero\s+vectors?|zero[\s-]length(?:\s+vectors?)?|length\s+zero|vec[234]|keyboard|ray[\s-]?trac\w*|surface\s+normals?|normal\s+vectors?|lighting"
        r"|spheres?|ellipsoids?|3d|opengl|vulkan|directx|blender",
    ),
    (
        "3D modeling and CAD",
        r"sketchup|autocad|solidworks|fusion\s*360|freecad|rhino|stl|\.stl|obj\s+files?|cad|extru\w*|3d\s+print\w*"
        r"|slicer|cura|(?:import|export)\s+units?|object\s+mode|edit\s+mode|rigid[\s-]body"
        r"|apply\s+(?:the\s+)?(?:location|rotation|scale|transforms?)",
    ),
    (
        "maps, GIS and cartography",
        r"choropleth|carto\w*|basemaps?|leaflet|mapbox|openlayers|bubble\s+maps?|geojson|shapefiles?|qgis|arcgis"
        r"|map\s+markers?|markers?|geograph\w*|latitude|longitude|rasters?|raster\s+calculator"
        # a census map's polygons shaded by density ("persons per square meter")
        r"|polygons?|census[\s-]based\s+maps?|(?:census|thematic)\s+maps?|population\s+density"
        r"|per\s+square\s+(?:meters?|metres?|km|kilometers?|kilometres?|miles?)"
        # states shaded on a map by their population ("coloured by intensity")
        r"|on\s+a\s+map|colou?red\s+by|colou?r[\s-]+intensity"
        r"|populations?\s+of\s+(?:\w+\s+){0,3}(?:states|regions|provinces|counties|districts|municipalities)",
    ),
    (
        "charts and data visualization",
        r"colou?r\s*(?:gradients?|ramps?|bars?|scales?|maps?|schemes?)|colormaps?|cmap|legends?|palettes?"
        r"|diverging|plot(?:s|ting)?\s+colou?rs?|colou?red\s+(?:regions?|areas?)",
    ),
    (
        "radio and signal processing",
        r"gnuradio|gnu\s+radio|\w*demod\w*|modulat\w*|sdr|i/q|iq\s+samples|baseband|carrier|antennas?|squelch"
        r"|am\s+(?:radio|channel|signal)|fm\s+(?:radio|channel|signal)|decimat\w*"
        # a filter's frequency axis, normalized to Nyquist or to the sampling rate
        r"|freqz|nyquist|butter(?:worth)?|cutoff|sampling\s+(?:rate|frequency)|normali[sz]ed\s+frequency",
    ),
    (
        "histology and stain normalization",
        r"stains?|staining|h&e|hematoxylin|haematoxylin|eosin|macenko|reinhard|vahadane|histolog\w*|histopatholog\w*|whole[\s-]slide"
        r"|wsi|tissues?|patholog\w*|od\s+space|optical\s+density",
    ),
    (
        "typography and fonts",
        r"fonts?|typefaces?|typograph\w*|kerning|serifs?|\d+\s?pt|text\s+scaling|line[\s-]height|glyphs?|lyrics",
    ),
    (
        "finance and stock prices",
        r"stocks?|tickers?|trendlines?|portfolios?|dividends?|share\s+prices?|price\s+history|candlesticks?|etfs?"
        r"|nasdaq|s&p|indices|openbb|brokers?|equit(?:y|ies)|closing\s+prices?|percent\s+growth|yahoo(?:\s+finance)?"
        r"|relative\s+performance|goog|aapl|msft",
    ),
    (
        "fitness and weightlifting",
        r"barbells?|plates?|lbs|squats?|bench\s+press|deadlifts?|reps|workouts?|gym|bodyweight|plate\s+calculator",
    ),
    (
        "survey weighting and statistics",
        r"surveys?|raking|rake|respondents?|post-?stratif\w*|spss|ctables|census|cell\s+weight\w*|weighting\s+targets?"
        r"|population\s+size|causal\s+inference|(?:att|ate|ipw|sampling|design)\s+weights?"
        r"|inverse\s+probability\s+weight\w*|propensity\s+scores?",
    ),
    (
        "psychology tests and norms",
        r"personality|big\s*five|psychometric\w*|questionnaires?|likert|test\s+norms|norm\s+(?:groups?|tables?)|inventory"
        r"|personality\s+traits?|traits?\s+(?:scores?|scales?|questionnaires?|measures?)"  # not a species' trait
        r"|participants?(?:'s)?",
    ),
    (
        "spelling and linguistics",
        r"latin|greek|sanskrit|spelling|orthograph\w*|dialects?|transliterat\w*|pronunciation|linguistics?|grammar",
    ),
    (
        "genomics read counts",
        r"genom\w*|transcript\w*|rna-?seq|reads?\s+counts?|raw\s+counts|gene\s+(?:counts?|expression)|edger|deseq2?"
        r"|limma|tpm|fpkm|rpkm|cpm|library\s+sizes?|sequencing|repetitive\s+elements?|single[\s-]cell|scrna\w*",
    ),
    (  # before astronomy, whose "spectrum" and "spectroscopy" it shares: a tie names the lab's instrument
        "chemical spectroscopy (NIR, IR, Raman)",
        r"nir|near[\s-]infra-?red|ft-?ir|mid[\s-]infra-?red|infra-?red|raman|uv[\s/-]?vis\w*|absorbances?|transmittance"
        r"|kbr|pellets?|silica|chemometric\w*|spectrometers?|spectrophotometers?|wavenumbers?|internal\s+standards?|bruker"
        r"|opus\s+(?:software|spectr\w*)|(?:software|program)\s+opus|standard\s+normal\s+variates?"
        r"|multiplicative\s+scatter\w*|savitzky[\s-]golay|baseline\s+correct\w*|cuvettes?|analytes?",
    ),
    (
        "astronomy: spectra, flux and images",
        r"spectr(?:a|um|oscopy|al)|flux|telescopes?|redshift|photometr\w*|magnitudes?|galax\w*|stars?|supernova\w*"
        r"|transients?|desi|sdss|astro\w*|light\s+curves?|wavelengths?",
    ),
    (
        "molecular dynamics and simulation units",
        r"reduced\s+units|lj\s+units|lennard[\s-]jones|molecular\s+dynamics|md\s+simulations?|espresso\w*|lammps"
        r"|gromacs|thermostat|particles?|atoms?|dimensionless|characteristic\s+scales?|boltzmann|kt",
    ),
    (
        "nuclear medicine (PET and SUV)",
        r"suvs?|suv(?:bw|lbm|bsa)|pet_\w+|pet\s+(?:scans?|scanners?|intensit\w*|activity|dicom)|decay[\s_-]corrected\w*"
        r"|injected\s+dose|radiotracers?|standardi[sz]ed\s+uptake\s+values?|fdg|body[\s-]?weight\s+suv|rescale[\s_](?:slope|intercept)",
    ),
    (
        "proteomics",
        r"proteom\w*|proteinquantification\w*|protein\s+(?:abundances?|quantification|intensit\w*|groups?)|lfq"
        r"|label[\s-]free\s+quantification|peptides?|maxquant|openms|spectral\s+counts?"
        r"|fragpipe|ionquant|maxlfq|timstof|orbitrap|dia-?nn",  # the quantification tools and instruments
    ),
    (
        "video encoding",
        r"video\s+(?:files?|encod\w*|streams?|players?)|re-?encod\w*|handbrake|yuv\w*"
        r"|bt\.?\s?(?:601|709|2020)|tv\s+range|pc\s+range|codecs?|x26[45]|h\.?26[45]|hevc|mpc-hc|playback",
    ),
    (
        "metabolomics",
        r"metabolom\w*|pqn|probabilistic\s+quotient\w*|total[\s-]sum|feature\s+tables?|lc-?ms|gnps|fbmn|mzmine",
    ),
    (
        "ecology (field surveys)",
        r"rodents?|census\w*|trapping|sampling\s+effort|abundances?|min_plots|quadrats?|transects?|biodiversity"
        r"|population\s+surveys?|field\s+surveys?",
    ),
    (
        "pharmacokinetics",
        r"pk-?sim|pharmacokinetic\w*|c_?max_\w+|multiple\s+dosing|dose[\s-]normali[sz]\w*|plasma\s+concentrations?"
        r"|nonmem|half[\s-]lives|elimination\s+half[\s-]life|dosing\s+intervals?",
    ),
    (
        "oceanography",
        r"salinity|alkalinity|dic|oceans?|oceanograph\w*|seawater|sarmiento|carbonate\s+system|argo\s+floats?|ctd\s+casts?",
    ),
    (
        "radiation therapy",
        r"dose\s+influence|monitor\s+units?|gy|photon\s+fluence|fluence|vmat|imrt|dij|phantoms?|radiotherapy"
        r"|radiation\s+therap\w*|linacs?|treatment\s+plan\w*|matrad",
    ),
    (
        "calcium imaging",
        r"calcium\s+(?:traces?|imaging|signals?|transients?)|df/f|dff|f0|rois?|fluorescence|deconvol\w*|suite2p|caiman"
        r"|min1pipe|spike\s+inference|cell\s+traces?",
    ),
    (
        "solar photovoltaics",
        r"pv|photovoltaic\w*|kwp|irradiance|performance\s+ratio|solar\s+(?:panels?|modules?|yield|plants?|arrays?)|gti|ghi"
        r"|tilted\s+modules?",
    ),
    (
        "battery electrochemistry",
        r"electrochem\w*|echem\w*|electrodes?|active\s+mass|mah/g|mah/cm2|ma/cm2|ma/g|charge[\s/-]discharge"
        r"|cathodes?|anodes?|batter(?:y|ies)|coulombic",
    ),
    (
        "lab data analysis (GraphPad Prism)",
        r"graphpad|prism|time[\s-]course\s+(?:experiments?|data)|(?:technical|biological)\s+replicates|assays?"
        r"|dose[\s-]response|percent\s+of\s+control",
    ),
    (
        "serology and immunoassays",
        r"n?mfi|median\s+fluorescence\s+intensit\w*|standard\s+curves?|serolog\w*|immunoassays?|luminex|elisa|rau"
        r"|plate[\s-]to[\s-]plate|antibody\s+titers?|seropositiv\w*",
    ),
    (
        "clinical laboratory units",
        r"ucum|loinc|ml/min|body\s+surface\s+area|glomerular\s+filtration|e?gfr|units\s+of\s+measure",
    ),
    (
        "security log management",
        r"r?syslog\w*|liblognorm|lognorm|audit\s+logs?|siem|pfsense|apache\s+logs?|ssh\s+logs?|log\s+normali[sz]ation"
        r"|attack\s+detection|logstash|splunk|graylog|log\s+(?:formats?|sources?|messages?)",
    ),
    (
        "computer algebra",
        r"polyratfun|prf|computer\s+algebra|symbolic\s+(?:expressions?|algebra|computation)|mathematica|maple"
        r"|rational\s+functions?|canonical\s+forms?|ordering\s+of\s+(?:the\s+)?terms|term\s+ordering",
    ),
    (
        "fisheries science",
        r"cpue|catch\s+per\s+unit\s+effort|numcpue|wgtcpue|hauls?|trawl\w*|fisher(?:y|ies)|swept\s+area|stock\s+assessments?",
    ),
    (
        "wind energy",
        r"turbines?|power\s+curves?|air[\s-]density\w*|rated\s+power|rotors?|floris|wake\s+(?:models?|losses)|yaw",
    ),
    (
        "urban accessibility analysis",
        r"access\s+scores?|accessibility\s+(?:scores?|models?|analysis)|accessmodel|spatial[_\s]access|walkscore"
        r"|catchment\s+areas?|2sfca|normalize_type",
    ),
    (
        "music software and OSC",
        r"osc|open\s+sound\s+control|sensors2osc|max/msp|pure\s+data|puredata|midi|gem\s+convention",
    ),
    (
        "traffic safety",
        r"traffic\s+(?:deaths|fatalities|crashes|safety)|vision\s+zero|crash\s+(?:rates?|totals?)|road\s+deaths"
        r"|vehicle\s+miles\s+traveled|serious\s+injuries",
    ),
    (
        "household energy efficiency",
        r"degree[\s-]days?|weather[\s-]normali[sz]\w*|electricity\s+(?:scores?|use|usage|bills?)|energy\s+(?:bills?|scores?)",
    ),
    (
        "inertial sensor calibration",
        r"imus?|accelerometers?|magnetometers?|gyroscopes?|gyros?|inertial\s+(?:sensors?|measurement\s+units?)",
    ),
    (
        "statistical plotting (histograms)",
        r"\w+\.hist|density\s*=\s*(?:1|true)|normed\s*=\s*(?:1|true)|bar\s+heights?|bin\s+widths?",
    ),
    (
        "music theory",
        r"note\s+names?|octaves?|accidentals?|sharps?|flats|[a-g]\s?flat|flat\s+(?:keys?|notes?|signs?)|enharmonic\w*|chords?|musical\s+scales?|key\s+signatures?"
        r"|music\s+theory|teoria|semitones?|pitch\w*",
    ),
    (
        "cooking recipes",
        r"recipes?|servings?|serving\s+sizes?|ingredients?|cooklang|cook\w*|bak\w*|flour|sugar|oven|steam\w*|fry"
        r"|dumplings?|cornstarch|golden\s+brown|medium\s+heat|cups?|tablespoons?|teaspoons?",
    ),
    (
        "process control and instrumentation",
        r"\d+\s?ma|4-20\s?ma|analog\s+(?:input|output)s?|ai\s+channels?|plc|dcs|deltav|scada|transmitters?"
        r"|calibrat\w*|channels?\s+scaling|engineering\s+units|setpoints?|pid\s+loops?",
    ),
    (
        "epidemiology and age standardization",
        r"age[\s-]standardi[sz]\w*|age\s+groups?|reference\s+population|standard\s+population|mortality|incidence"
        r"|epidemiolog\w*|crude\s+rates?|per\s+100,?000|health\s+impacts?|geo_units?",
    ),
    (
        "robotics and motion planning",
        r"robots?|robotic\w*|moveit|ros2?|joints?|trajector\w*|kinematic\w*|cartesian\s+path|end[\s-]effector"
        r"|velocity\s+scaling|acceleration\s+scaling|\w*scalingfactor|grippers?|servos?",
    ),
    (
        "heating and HVAC",
        r"heat\s*pumps?|hvac|thermostats?|heating\s+curves?|leaving\s+water|boilers?|radiators?|underfloor"
        r"|weather[\s-]dependent|room\s+temperature|daikin|altherma|furnaces?",
    ),
    (
        "printing and page setup",
        r"printing|printers?|print\s+(?:scaling|preview|dialog|jobs?|settings)|paper\s*sizes?|margin(?:top|bottom|left|right)"
        r"|page\s+setup|jsprintsetup|printsilent|shrink\s+to\s+fit|portrait\w*",
    ),
    (
        "sports ratings",
        r"elo|k[\s-]?factors?|fide|leaderboards?|chess|tournaments?|league|win\s+or\s+lose|rating\s+points",
    ),
    (
        "geochemistry",
        r"geochem\w*|ree|rey|rare\s+earths?|chondrite|shale|paas|spider\s*plots?|spiderplot|ionic\s+radi\w*"
        r"|isotop\w*|minerals?|rocks?|yttrium|pyrolite",
    ),
    # the thirteenth blind group's fields: each normalizes or standardizes something that is not a model's input
    (
        "neuroimaging",
        r"fmri\w*|fmriprep|mni(?:152)?|freesurfer|fsl|afni|spm\d+|nifti|bids(?:-validator)?|voxels?|t[12]w"
        r"|functional\s+images?|anatomical\s+images?|cortical",
    ),
    (
        "flow and mass cytometry",
        r"cytometr\w*|cytof|beads?|bead[\s-]normali[sz]\w*|premessa|fcs\s+files?|flowjo|antibod\w*"
        r"|compensation\s+matri\w*|cd\d+",
    ),
    (
        "power systems and load flow",
        r"load[\s-]?flows?|power[\s-]?flows?|per[\s-]unit|p\.u|matpower|pandapower|runo?pf|buses|bus\s+(?:voltages?|data)"
        r"|branch\s+impedances?|impedances?|system\s+base|mva|\d+\s?kv|substations?|transmission\s+lines?|reactive\s+power"
        r"|active\s+power|p\s+and\s+q\s+loads?",
    ),
    (
        "floating point arithmetic",
        r"flush[\s-]to[\s-]zero|denormals?|subnormals?|fpu|ieee[\s-]?754|ieee[\s-]compliant|mantissa|significand"
        r"|exponent\s+bits|float(?:ing)?[\s-]point\s+(?:formats?|handling|units?|modes?)"
        r"|smallest\s+normal\s+(?:value|number)",
    ),
    (
        "crystallography and unit cells",
        r"crystallograph\w*|crystal\s+structures?|spglib|unit\s+cells?|primitive\s+cells?|conventional\s+cells?|lattice\s+(?:vectors?|parameters?|constants?)"
        r"|space\s+groups?|symprec|wyckoff|niggli|bravais|fractional\s+coordinates|to_primitive|no_idealize"
        r"|\w*standardi[sz]e_cell|cif\s+files?|pymatgen|xrd|x-ray\s+diffraction|diffraction\s+(?:patterns?|peaks?)"
        r"|scherrer|crystallites?",
    ),
    (
        "microbiome and species counts",
        r"microbiom\w*|rarefy\w*|rarefaction|rarefied|phyloseq|otus?|asvs?|16s\s+(?:rrna|rdna|amplicons?|sequencing)|qiime\w*|taxa"
        r"|sampling\s+depths?|sample_sums|alpha\s+diversity|beta\s+diversity|amplicons?",
    ),
    (
        "molecular biology: qPCR and western blots",
        r"qpcr|rt-?qpcr|pcr\s+(?:package|plates?|reactions?|products?|runs?)|delta[\s-]delta|ddct|fold[\s-]changes?"
        r"|housekeeping\s+genes?|reference\s+genes?|control\s+genes?|mirnas?|mir-?\d+\w*|western\s+blots?|dmso"
        # a blot's own words: its lanes, lysates, antibodies and loading controls
        r"|blot(?:s|ted|ting)|lysates?|antibod(?:y|ies)|phospho-\w+|phosphorylat\w*|phospho(?:proteins?|sites?)"
        r"|loading\s+controls?|densitometr\w*",
    ),
    (
        "Python packaging",
        r"pip\s+(?:wheel|download|resolver|install\s+-e|install\s+\.)|pypi|setuptools|distutils|wheel\s+files?|bdist_wheel|sdists?"
        r"|pyproject(?:\.toml)?|setup\.py|extras_require|\[extras?\]|project\s+names?"
        r"|packag(?:e|ing)\s+(?:names?|index|guide|tools?|metadata)|pep\s?\d+|twine|poetry\s+(?:lock|install|add)|virtualenvs?",
    ),
    (
        "container images",
        r"docker\.io|containerd|buildkit|dockerfiles?|image\s+(?:names?|references?|stores?|tags?|registr(?:y|ies)|digests?)"
        r"|container\s+registr\w*|oci|docker\s+(?:pull|push|hub)",
    ),
    (
        "computer chess",
        r"chess|centipawns?|\d+\s?cp|stockfish|fishtest|lichess|pawnvalue\w*|wdl",
    ),
    (
        "attitude estimation and quaternions",
        r"quaternions?|attitude\s+(?:estimation|filters?|angles?)|valid\s+attitude|ekf|kalman|magnetomet\w*|angular\s+rates?"
        r"|direction\s+cosines?|euler\s+angles?|ahrs",
    ),
    (
        "remote sensing",
        r"landsat|sentinel-?\d\w*|satellite\s+scenes?|radiometric\w*|gdal\w*|geotiffs?"
        r"|reflectance|spectral\s+bands?|modis\w*|projwin|pseudo-?invariant|pif\.py"
        r"|ndvi|sen2r|vegetation\s+ind(?:ex|ices)|l[12][ac]|boa",
    ),
    (
        "quantum physics",
        r"qutip|quantum\s+(?:states?|computing|circuits?|mechanics|gates?|systems?)|qubits?|kets?|density\s+matri(?:x|ces)|hilbert\s+spaces?|wave\s*functions?|hamiltonians?"
        r"|qiskit|cirq|pauli|bloch\s+sphere|eigenstates?",
    ),
    (
        "particle physics",
        r"pythia\d*|sigma_?gen|n_?events?|nevent|pt_?hard|dndy|dndeta|dndpt|cross[\s-]sections?|luminosit\w*|collid\w*"
        r"|lhc|cern|hadron\w*|rapidity|pseudorapidity|geant4?|monte\s+carlo\s+events?",
    ),
    (
        "biomechanics",
        r"biomechanic\w*|ground\s+reaction\s+forces?|v?grf|gait(?:\s+cycles?)?|force\s+plates?|stance\s+phases?|spm1d"
        r"|time[\s-]normali[sz]\w*",
    ),
    (
        "fluid dynamics",
        r"navier[\s-]stokes|prandtl|mach\s+numbers?|cfd"
        r"|compressible|incompressible|trixi\w*|openfoam|turbulen\w*|advection",
    ),
    (
        "bibliometrics",
        r"bibliometri\w*|h-?index|scopus|web\s+of\s+science|manuscripts?|citations?\s+per\s+year"
        r"|co-?citations?|altmetric\w*|ntc",
    ),
    (
        "compilers",
        r"compilers?|llvm|mlir|clang|gcc|(?:compiler|optimi[sz]ation|normali[sz]ation|lowering)\s+pass(?:es)?"
        r"|loop[\s-]normali[sz]\w*|counted\s+loops?|countdown\s+loops?|induction\s+variables?|invariant\s+steps?",
    ),
    (
        "phylogenetics",
        r"phylogen\w*|root[\s-]to[\s-]tip|branch\s+lengths?|newick|clades?|biodivers\w*|ultrametric",
    ),
    (
        "cycling training",
        r"normali[sz]ed\s+power|watts?|rides?|garmin|strava|ftp|power\s+meters?|cycling|cyclists?|trainingpeaks|tss",
    ),
    (
        "date and time libraries",
        r"luxon|moment\.js|momentjs|durations?|time\s?zones?|iso\s?8601|frommillis|shiftto|daylight\s+saving|dst",
    ),
    (
        "dendrochronology",
        r"dendro\w*|tree[\s-]rings?|regional\s+curve\s+standardi[sz]ation|rcs|pith|dplr|dplpy|ring[\s-]widths?",
    ),
    (
        "child growth assessment",
        r"anthro|who\s+(?:growth\s+)?(?:standards|tables)|[\w-]*-for-(?:age|height|length)|arm[\s-]circumference\w*"
        r"|growth\s+(?:charts?|standards|references?)|stunting|wasting",
    ),
    (
        "color science",
        r"colou?r\s+spaces?|oklab|cielab|srgb|xyz(?:100)?|white\s+points?|d65|d50|chromaticit\w*|gamut|colorimetr\w*",
    ),
    (
        "legal citations",
        r"case\s+citations?|cites?|reporters?(?:_db)?|case\s+law|courts?|statutes?|decision\s+dates?|eyecite|bluebook",
    ),
    (
        "basketball analytics",
        r"basketball|nba|box[\s-]scores?|per\s+36|per[\s-]game|minutes\s+played|rebounds?|assists?",
    ),
    (
        "football (soccer) analytics",
        r"football|soccer|per[\s-]90|shots\s+on\s+target|tackles?(?:\s+won)?|interceptions?|fouls?"
        r"|passes\s+(?:completed|attempted)|pass\s+accuracy|xg|expected\s+goals",
    ),
    (
        "ice hockey analytics",
        r"hockey|nhl|on[\s-]ice|time\s+on\s+ice|toi|corsi|fenwick|(?:cf|ca|gf|ga|sf|sa)/60|per[\s-]60|power[\s-]plays?"
        r"|goalies?|penalty\s+kills?",
    ),
    (
        "everyday life",
        r"baby|toddler|year\s+old|cats?|dogs?|pupp(?:y|ies)|kittens?|rabbits?|vet|doctor|heart\s+rate|pregnan\w*"
        r"|shipping|marathon|weather|rain|recipes?|cups?|chords?|piano|guitar|musical\s+scales?|richter"
        r"|pay\s+scale|c\+\+\d*|posix|std::\w+",
    ),
)
# A field's own code or terms of art name it, however many words it shares with ours ("weights" in a survey design,
# "attribute" in a relation): with one of these and no ML word, the message is that field's. They are checked before
# the counted words above, so they are not repeated there.
_DECISIVE: tuple[tuple[str, str], ...] = (
    (
        "database normalization",
        r"non-?prime|bcnf|[1-6]\s?nf|normal\s+forms?|functional\s+dependenc\w*|candidate\s+keys?",
    ),
    ("survey weighting and statistics", r"svy\w+|tbl_svysummary|survey::\w+"),
    ("chemistry: standardizing molecules", r"rdkit|chem\.\w+|moltosmiles|molfromsmiles|inchi\w*|canonical\s+smiles"),
    ("postal addresses", r"libpostal|expand_address|parse_address"),
    ("text and Unicode normalization", r"unicodedata|nf[kc]{1,2}d?|nfd|unicode\s+normali[sz]ation(?:\s+forms?)?"),
    ("X-ray absorption spectroscopy", r"xanes|exafs|x-ray\s+absorption|feff\d*|xmu\.dat|post-edge|pre-edge"),
)
# A field's own software, which no ML question about scaling calls: decisive even beside numpy, pandas or a
# dataframe, which every science computes with ("import numpy" next to scanpy is a biologist's)
_OWN_TOOLS: tuple[tuple[str, str], ...] = (
    (
        "genomics read counts",
        r"scanpy|anndata|sc\.pp\.\w+|sc\.tl\.\w+|seurat|normalize_total|scrna-?seq|single[\s-]cell\s+rna\w*|deseq2?"
        r"|edger",
    ),
    ("astronomy: spectra, flux and images", r"astropy\w*|simple_norm|imagenormalize|asinh\s*stretch|zscaleinterval"),
)
# Fields whose words also turn up in ML questions with few ML words (a drone's quaternions as inputs, a chess
# engine's evaluation network, a package installed before training): one of their words alone names nothing, and a
# word shared with ours ("my inputs are euler angles and quaternions") counts against them three times
# Fields whose lab words (blots, lysates, antibodies) also name the columns of a model's data set: a model's code and
# cues beside them weigh as words both fields use. Not every field: GIS has raster "layers", a histogram np.asarray
_WEIGHED_AGAINST_ML_CODE = frozenset({"molecular biology: qPCR and western blots"})
_NEEDS_TWO_WORDS = frozenset(
    {
        "Python packaging",
        "container images",
        "computer chess",
        "attitude estimation and quaternions",
        "remote sensing",
        "particle physics",
        "biomechanics",
        "fluid dynamics",
        "bibliometrics",
        "compilers",
        "phylogenetics",
        "cycling training",
        "date and time libraries",
        "dendrochronology",
        "child growth assessment",
        "color science",
        "legal citations",
        "basketball analytics",
        "inertial sensor calibration",
        "statistical plotting (histograms)",
        "nuclear medicine (PET and SUV)",
        "proteomics",
        "video encoding",
        "metabolomics",
        "ecology (field surveys)",
        "pharmacokinetics",
        "oceanography",
        "radiation therapy",
        "calcium imaging",
        "solar photovoltaics",
        "battery electrochemistry",
        "clinical laboratory units",
        "security log management",
        "computer algebra",
        "fisheries science",
        "wind energy",
        "urban accessibility analysis",
        "music software and OSC",
        "lab data analysis (GraphPad Prism)",
        "traffic safety",
        "household energy efficiency",
    }
)
_DATA_TOOLS = frozenset({"numpy", "pandas", "dataframe"})
_OWN_TOOL_PATTERNS = tuple(
    (label, patterns.compile(rf"\b(?:{pattern})\b", patterns.IGNORECASE)) for label, pattern in _OWN_TOOLS
)
_DECISIVE_PATTERNS = tuple(
    (label, patterns.compile(rf"\b(?:{pattern})\b", patterns.IGNORECASE)) for label, pattern in _DECISIVE
)
_SENSE_PATTERNS = tuple(
    (label, patterns.compile(rf"\b(?:{pattern})\b", patterns.IGNORECASE)) for label, pattern in _SENSES
)
_SENSE_BY_LABEL = dict(_SENSE_PATTERNS)


def _without_other_units(text: str) -> str:
    """The text with other fields' autoscalers, colour gradients, neurons and optimizations put in plain words."""
    cleaned = _NOT_A_UNIT.sub(
        " cell trace ", _NOT_A_GRADIENT.sub(" colour ramp ", _NOT_A_SCALER.sub(" autoscaling ", text))
    )
    if not _A_CELLS_ACTIVATION.search(cleaned):
        return cleaned  # the usual case: no need to look for a model's code as well
    return cleaned if _ML_CODE.search(cleaned) else _A_CELLS_ACTIVATION.sub(" cell trace ", cleaned)


def other_sense(text: str) -> str | None:
    """The other field a message is about (e.g. "database normalization"), or None if it may be ours."""
    cleaned = _without_other_units(text)
    tool = max((len(pattern.findall(text)), label) for label, pattern in _OWN_TOOL_PATTERNS)
    if tool[0]:  # beside a field's own tool, numpy and pandas say nothing of ML
        ours = bool({match.group(0).lower() for match in _ML_WORDS.finditer(cleaned)} - _DATA_TOOLS)
    else:
        ours = bool(_ML_WORDS.search(cleaned))
    if (
        ours or _UNMISTAKABLY_ML.search(cleaned) or _SPLITS_AGENTS_AND_GLMS_FOUND.search(cleaned)
    ):  # "softmax", "min-max scaling": ours
        return None
    if tool[0]:
        return tool[1]
    decisive = max((len(pattern.findall(text)), label) for label, pattern in _DECISIVE_PATTERNS)
    if decisive[0]:
        return decisive[1]
    counts = [(len(pattern.findall(text)), label) for label, pattern in _SENSE_PATTERNS]
    most = max(hits for hits, _ in counts)
    if not most:
        return None
    # among fields tied for the most words, the first whose words outweigh ours ("video files" and "volume" tie)
    return next(
        (label for hits, label in sorted(counts, reverse=True) if hits == most and _named(label, hits, text, cleaned)),
        None,
    )


def _named(label: str, hits: int, text: str, cleaned: str) -> bool:
    """Whether a field's words outweigh the words it shares with ours, and, for a field whose words also turn up in
    ML questions, whether two different words of its own are there (a plural or a prefix is the same word)."""
    pattern = _SENSE_BY_LABEL[label]
    # a shared word inside the field's own term ("ATT weights", "sampling weights") is that field's, not ours
    own = [match.span() for match in pattern.finditer(cleaned)]
    shared = [match for match in _SHARED_WORDS.finditer(cleaned) if not any(a <= match.start() < b for a, b in own)]
    if label in _WEIGHED_AGAINST_ML_CODE:  # a model's code and cues ("my data loader", uint16 arrays) weigh as shared
        shared += [match for match in _ML_CODE.finditer(cleaned) if not any(a <= match.start() < b for a, b in own)]
    if label in _NEEDS_TWO_WORDS:  # two of the field's words, and three times as many as words shared with ours
        distinct = {_word_key(word) for word in pattern.findall(text)}
        return len(distinct) >= 2 and hits > 3 * len(shared)
    return hits > 2 * len(shared)


def _word_key(word: str) -> str:
    """One key per word however it is written: "IMUs" and "imu", "df.hist" and "plt.hist", "peptides" and "peptide"."""
    word = word.lower().rsplit(".", 1)[-1]
    word = word[:-2] if word.endswith(("ses", "xes")) else word  # "censuses" and "census", "boxes" and "box"
    return word.removesuffix("s")


# a model's inputs said to be scaled: "inputs … normalized", "normalize the input data", "features need to be
# standardized" (bare "features" only with a verb between: "the features of this phone" are not a model's)
_MODEL_INPUTS = r"(?:inputs|input\s+(?:data|values|features|vectors)|training\s+data)"  # not "the input volume"
_SCALED = r"(?:normali[sz]\w*|standardi[sz]\w*|scaled|rescaled)"
_MODEL_INPUTS_SCALED = patterns.compile(
    rf"\b{_MODEL_INPUTS}\s+(?:\w+\s+){{0,4}}{_SCALED}\b"
    rf"|\b(?:normali[sz]\w*|standardi[sz]\w*|scal(?:e|ed|ing))\s+(?:\w+\s+){{0,2}}{_MODEL_INPUTS}\b"
    r"|\b(?:normali[sz]e|standardi[sz]e)\s+(?:my|the|our|all|these|its|your)\s+(?:\w+\s+)?features\b"
    r"|\b(?:do|does|should|must|are|can|my|the|our|input|numeric|all)\s+features\s+"
    r"(?:(?:have|has|need|needs|should|must|to|be|been|are|get|first|always|all|supposed|really|already)\s+){1,3}"
    r"(?:normali[sz]\w*|standardi[sz]\w*)\b",
    patterns.IGNORECASE,
)


def model_inputs_scaled(text: str) -> bool:
    """ "Do the inputs have to be normalized beforehand?": a model's inputs, ours to answer when no other field is
    named (issue 18: decline only on positive evidence of another field; the caller has checked `other_sense`)."""
    return bool(_MODEL_INPUTS_SCALED.search(text))


def unmistakably_machine_learning(text: str) -> bool:
    """Names something that only machine learning has (k-means, an epoch, StandardScaler, gradient descent)."""
    return bool(_UNMISTAKABLY_ML.search(text)) and other_sense(text) is None


# A brain has neurons and activations too: those words alone keep a post from a decline, but are no evidence of ML
_NEURONS_OF_A_BRAIN_TOO = patterns.compile(r"\b(?:neurons?|activations?)\b", patterns.IGNORECASE)


# Training that will not converge, with a loss or NaNs beside it: a model being fitted ("my marathon training won't
# converge" has neither)
_TRAINING_STUCK = patterns.compile(
    r"\btraining\s+(?:won'?t|doesn'?t|does\s+not|will\s+not|never|can'?t|cannot|fails?\s+to|refuses\s+to)\s+converge\w*",
    patterns.IGNORECASE,
)
_LOSS_OR_NAN = patterns.compile(r"\b(?:loss|losses|nans?)\b", patterns.IGNORECASE)
# Gradient descent's own theory without its name: a step size beside momentum and an eigenvalue, a quadratic or an
# objective ("the momentum article says 2 is the optimal step size, but λ3 never converges"); a solver's momentum
# equation and time step have neither
_STEP_SIZE = patterns.compile(r"\bstep[\s-]?sizes?\b", patterns.IGNORECASE)
_MOMENTUM = patterns.compile(r"\bmomentum\b", patterns.IGNORECASE)
_OPTIMIZED = patterns.compile(r"\b(?:eigenvalues?|quadratics?|objectives?|loss|minimi[sz]\w*)\b", patterns.IGNORECASE)


def machine_learning_evidence(text: str) -> bool:
    """Something only a machine-learning question has: its code, data sets, model parts or unmistakable names.

    With this and no other field named, a message is never turned away (it gets the likeliest ML topic).
    """
    if other_sense(text) is not None or (_SERVING.search(text) and not _TRAINING.search(text)):
        return False
    cleaned = _without_other_units(text)
    return bool(
        (_TRAINING_STUCK.search(cleaned) and _LOSS_OR_NAN.search(cleaned))
        or (_STEP_SIZE.search(cleaned) and _MOMENTUM.search(cleaned) and _OPTIMIZED.search(cleaned))
        or _ML_CODE.search(cleaned)
        or _UNMISTAKABLY_ML.search(cleaned)
        or _SPLITS_AGENTS_AND_GLMS_FOUND.search(cleaned)
        or _ML_WORDS.search(_NEURONS_OF_A_BRAIN_TOO.sub(" ", cleaned))
    )
