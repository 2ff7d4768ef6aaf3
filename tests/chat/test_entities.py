"""What a question names: model, activation, scaler and data kind, as learners write them."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from explainer.chat.reading.entities import Entities, recognise


@pytest.mark.parametrize(
    ("text", "model"),
    [
        ("why does k-means need feature scaling?", "kmeans"),
        ("km = KMeans(n_clusters=3).fit(X) gives one giant cluster", "kmeans"),
        ("my kmeans clusters only follow the income column", "kmeans"),
        ("does KNN care about units? distance is dominated by salary", "knn"),
        ("clf = KNeighborsClassifier(n_neighbors=5) and accuracy is 61%", "knn"),
        ("k nearest neighbours with age and income, scale or not", "knn"),
        ("SVM with rbf kernel takes forever on raw data", "svm"),
        ("model = SVC(C=1.0, gamma='scale') without a scaler", "svm"),
        ("support vector regression on house prices", "svm"),
        ("Do I need to normalize for linear regression with the normal equation?", "linear_regression"),
        ("reg = LinearRegression().fit(X, y) and the coefficients look odd", "linear_regression"),
        ("SGDRegressor diverges unless I standardize", "linear_regression"),
        ("LogisticRegression gives ConvergenceWarning: lbfgs failed to converge", "logistic_regression"),
        ("logisitc regresion coefficients after scaling?", "logistic_regression"),
        ("Lasso picks different features once I scale them", "lasso"),
        ("ridge regression penalty and units", "ridge"),
        ("MLPClassifier with default settings stuck at 50%", "mlp"),
        ("a multilayer perceptron on tabular data", "mlp"),
        ("my neural network never learns unless inputs are scaled", "mlp"),
        ("I'm training a CNN on 32x32 images", "cnn"),
        ("self.conv1 = nn.Conv2d(3, 16, 3)", "cnn"),
        ("I'm training an LSTM on sensor data and the loss is nan", "lstm"),
        ("self.rnn = nn.LSTM(input_size=4, hidden_size=32)", "lstm"),
        ("a GRU on stock prices", "rnn"),
        ("does BERT need input normalization like images do?", "transformer"),
        ("DecisionTreeClassifier results don't change with scaling", "decision_tree"),
        ("do trees need scaling at all?", "decision_tree"),
        ("RandomForestRegressor on unscaled data", "random_forest"),
        ("random forrest and standardization", "random_forest"),
        ("do I need to scale for xgboost?", "xgboost"),
        ("model = XGBClassifier(n_estimators=200)", "xgboost"),
        ("catboost with MinMaxScaler in front, pointless?", "xgboost"),
        ("LGBMRegressor and log-transformed target", "lightgbm"),
        ("GaussianNB and scaling", "naive_bayes"),
        ("PCA is dominated by the feature with the biggest variance", "pca"),
    ],
)
def test_models_are_recognised_as_learners_name_them(text, model):
    assert recognise(text).model == model


def test_the_model_in_the_code_is_the_one_the_question_is_about():
    text = "Someone said SVM needs scaling, but my code is clf = RandomForestClassifier(); clf.fit(X, y). Do I need it?"
    assert recognise(text).model == "random_forest"


@pytest.mark.parametrize(
    "text",
    [
        "I switched from an SVM to a random forest; do I still need StandardScaler?",
        "I replaced my SVC with RandomForestClassifier and accuracy stayed the same",
    ],
)
def test_a_model_the_learner_moved_away_from_is_not_the_one_asked_about(text):
    assert recognise(text).model == "random_forest"


def test_without_code_the_first_model_named_wins():
    assert recognise("why does k-means need scaling when random forest doesn't?").model == "kmeans"


@pytest.mark.parametrize(
    ("text", "activation"),
    [
        ("with sigmoid activations the first layer saturates", "sigmoid"),
        ("Dense(64, activation='tanh')", "tanh"),
        ("I use ReLU everywhere, does scaling still matter?", "relu"),
        ("nn.LeakyReLU(0.1) after each layer", "relu"),
        ("the hyperbolic tangent saturates for large inputs", "tanh"),
    ],
)
def test_activations(text, activation):
    assert recognise(text).activation == activation


@pytest.mark.parametrize(
    ("text", "scaler"),
    [
        ("scaler = StandardScaler(); X = scaler.fit_transform(X)", "zscore"),
        ("should I use z-scores or min-max?", "zscore"),
        ("X = (X - X.mean()) / X.std()", "zscore"),
        ("MinMaxScaler() squashes my outliers", "minmax"),
        ("normalize the inputs to [0, 1]", "minmax"),
        ("MinMaxScaler(feature_range=(-1, 1)) before tanh", "minmax_symmetric"),
        ("min-max scaling to [-1, 1] for the LSTM", "minmax_symmetric"),
        ("x_train = x_train / 255.0", "divide_255"),
        ("do I divide the pixels by 255 or standardize?", "divide_255"),
        ("ImageDataGenerator(rescale=1./255)", "divide_255"),
        ("RobustScaler because of outliers", "robust"),
        ("df['income'] = np.log1p(df['income'])", "log"),
        ("should I log transform skewed prices?", "log"),
        ("MaxAbsScaler on sparse data", "maxabs"),
        ("Normalizer() makes every row unit length", "normalizer"),
        ("is BatchNorm a replacement for input scaling?", "batch_norm"),
        ("LayerNorm in transformers", "layer_norm"),
    ],
)
def test_scalers_and_recipes(text, scaler):
    assert recognise(text).scaler == scaler


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("my images are 0-255 pixels", "images"),
        ("training on MNIST", "images"),
        ("forecasting a time series of daily sales", "time_series"),
        ("text classification with tf-idf features", "text"),
        ("one-hot encoded columns next to income", "one_hot"),
        ("pd.get_dummies(df) then StandardScaler?", "one_hot"),
        ("MFCC features from audio clips", "audio"),
        ("a csv with 12 numeric columns", "tabular"),
    ],
)
def test_data_kinds(text, kind):
    assert recognise(text).data_kind == kind


@pytest.mark.parametrize(
    "text",
    [
        "is it normal that my loss goes up?",
        "the standard deviation of my feature is 3",
        "I know what mean and standard deviation are",
        "print the directory tree of my project",
        "a binary search tree in Python",
        "why normalize?",
        "how do I scale my small business?",
        "the normal distribution in my statistics course",
        "I see this picture in every course",
        "which Unicode form should we standardize on?",
        "nearest neighbour interpolation makes my logo pixelated",
    ],
)
def test_ordinary_words_are_not_names(text):
    entities = recognise(text)
    assert (entities.model, entities.activation, entities.scaler) == (None, None, None)


def test_scikit_learn_transformers_are_not_transformer_networks():
    entities = recognise("log1p vs quantile transformer vs power transformer vs ColumnTransformer?")
    assert (entities.model, entities.scaler) == (None, "log")


def test_labels_and_dict_name_only_what_was_recognised():
    entities = recognise("For my k-means I use MinMaxScaler(feature_range=(-1, 1)) on images")
    assert entities.to_dict() == {"model": "kmeans", "scaler": "minmax_symmetric", "data_kind": "images"}
    assert entities.labels() == {
        "model": "k-means",
        "scaler": "min-max scaling to [−1, 1]",
        "data_kind": "images",
    }
    assert Entities().to_dict() == {} and Entities().labels() == {}


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("catboost with a scaler", "CatBoost"),
        ("gradient boosting and scaling", "gradient-boosted trees"),
        ("my neural network and scaling", "neural network"),
        ("do trees need scaling", "tree models"),
    ],
)
def test_the_label_keeps_to_what_was_written(text, label):
    assert recognise(text).labels()["model"] == label


def test_a_long_question_with_back_story_and_code():
    text = (
        "Hi all, I'm new to ML. I'm training an LSTM on sensor data (temperature -20 to 45, pressure 950-1050).\n"
        "scaler = MinMaxScaler(feature_range=(-1, 1))\nmodel.add(LSTM(32, activation='tanh'))\n"
        "The loss is nan after 3 epochs. Do I need a different scaler for tanh?"
    )
    assert recognise(text).to_dict() == {
        "model": "lstm",
        "activation": "tanh",
        "scaler": "minmax_symmetric",
        "data_kind": "time_series",
    }


@given(st.text(max_size=500))
def test_any_text_is_recognised_without_error(text):
    entities = recognise(text)
    assert set(entities.to_dict()) <= {"model", "activation", "scaler", "data_kind"}
    assert set(entities.labels()) == set(entities.to_dict())


@pytest.mark.parametrize(
    ("text", "stack"),
    [
        ("In R with caret, should I scale before or after the split?", "R"),
        ("x <- scale(df); then I split into train and test. Is that leakage?", "R"),
        ("rec <- recipe(y ~ ., data = train) %>% step_normalize(all_predictors())", "R"),
        ("I use brain.js: should I normalize before splitting?", "brain.js"),
        ("With tensorflow.js, do I normalize the test set with its own mean?", "tensorflow.js"),
        ("My MATLAB script normalizes all data before splitting.", "MATLAB"),
        # Python's own names: the scikit-learn block fits, whatever else is said
        ("import numpy as np; I port this from MATLAB. Split first?", None),
        ("Should I fit the StandardScaler before or after the train/test split?", None),
        ("with tensorflow, should the test set use the training mean?", None),
        ("A Java developer's question: is scaling needed for kNN?", "Java"),
        # R the language, whichever case "in" takes, but not the reals of a vector space
        ("In R, should I scale before the split?", "R"),
        ("x in R^n with features 0-1 and 0-1000: split then scale?", None),
        # brain.js by its API alone: "overwrite the json from network.toJSON after every train"
        ("I overwrite the json from network.toJSON after every train; normalize inputs first?", "JavaScript"),
    ],
)
def test_the_learners_language_is_recognised_when_it_is_not_python(text, stack):
    assert recognise(text).stack == stack


@pytest.mark.parametrize(
    ("text", "activation"),
    [
        # the activation the code uses, over one the prose names first (a book chapter on the sigmoid, code in ReLU)
        ("The book explains the Sigmoid function, but the code uses ReLU(). Why scale?", "relu"),
        ("The notes talk about sigmoid units, but my model has Dense(10, activation='tanh')", "tanh"),
        ("After the lecture on tanh I wrote x = F.relu(self.fc(x)). Scale the inputs?", "relu"),
        ("Sigmoid saturates; does ReLU need scaled inputs?", "sigmoid"),  # no code: the first named
        # a bracket in prose is no call: "the sigmoid (logistic) one" stays behind the tanh named first
        ("The tanh curve vs the sigmoid (logistic) one: my code uses tanh. Why scale?", "tanh"),
    ],
)
def test_the_activation_in_the_code_is_the_one_the_question_is_about(text, activation):
    assert recognise(text).activation == activation


@pytest.mark.parametrize(
    ("text", "situation"),
    [
        # a sparse model is not sparse data: the lasso post got "Your data is sparse, so scale it without centring"
        ("LASSO can split the coefficient, so the model ends up less sparse than it could be", None),
        ("I want a sparse solution from the lasso; scale first?", None),
        ("My data is sparse (bag of words), should I standardize?", "sparse"),
        ("sparse matrix of one-hot features: StandardScaler fails", "sparse"),
    ],
)
def test_sparse_data_is_told_from_a_sparse_model(text, situation):
    assert recognise(text).situation == situation


def test_a_screenshot_is_no_image_data_and_a_deep_belief_nets_own_pretraining_no_published_weights():
    assert recognise("Two columns (see the image) are larger than my 0/1 columns; I use k-means.").data_kind != "images"
    assert recognise("I divide my MNIST images by 255").data_kind == "images"
    assert recognise("My deep belief network pre-trains its RBM layers, and inputs above 1 fail").situation is None
    assert recognise("I fine-tune a pretrained ResNet on my photos").situation == "pretrained"
