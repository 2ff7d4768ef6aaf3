"""The scikit-learn code that applies a normalization correctly: fitted on training rows only."""

from __future__ import annotations

from explainer.scenario.spec import NormalizationName
from explainer.scenario.vocabulary import METHODS

_CENTERED_MIN_MAX = '''

class CenteredMinMaxScaler(OneToOneFeatureMixin, TransformerMixin, BaseEstimator):
    """(x - mean) / (max - min), learned from the training rows."""

    def fit(self, X, y=None):
        X = np.asarray(X, dtype=float)
        self.mean_ = X.mean(axis=0)
        self.scale_ = X.max(axis=0) - X.min(axis=0)
        return self

    def transform(self, X):
        return (np.asarray(X, dtype=float) - self.mean_) / self.scale_
'''


def pipeline_code(method: NormalizationName) -> str:
    """Runnable code: split first, then a Pipeline whose scaler only ever sees the training rows."""
    extra = _CENTERED_MIN_MAX if method == "minmax_centered" else ""
    term = METHODS[method]
    imports = f"{term.sklearn_import}\n" if term.sklearn_import else ""
    step = f"{term.sklearn}, " if term.sklearn else ""
    return (
        "import numpy as np\n"
        "from sklearn.linear_model import SGDRegressor\n"
        "from sklearn.model_selection import train_test_split\n"
        "from sklearn.pipeline import make_pipeline\n"
        f"{imports}{extra}\n"
        "# X: one row per sample, one column per feature; y: the target\n"
        "X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.2, random_state=0)\n"
        f"model = make_pipeline({step}SGDRegressor(max_iter=1000, tol=1e-6, random_state=0))\n"
        "model.fit(X_train, y_train)  # the scaler learns its statistics from the training rows only\n"
        "print('test R^2:', model.score(X_test, y_test))  # test rows are scaled with those same statistics\n"
    )
