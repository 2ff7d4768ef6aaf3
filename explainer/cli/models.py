"""`explainer explain --dataset wine --model logistic_regression`: the model options of the CLI."""

from __future__ import annotations

import argparse
import json

from explainer.scenario.model_choice import ACTIVATIONS, BUNDLED_DATASETS, MODELS, SOLVERS, TREE_KINDS, ModelSettings

EXAMPLES = """  explainer explain --dataset wine --model logistic_regression
  explainer explain --dataset wine --model knn --json
  explainer explain --dataset wine --model logistic_regression --pca 2
  explainer explain --csv houses.csv --target price --model mlp --activation relu
"""


def add_model_arguments(parser: argparse.ArgumentParser) -> None:
    group = parser.add_argument_group("your model (fitted with scikit-learn, raw and normalized)")
    group.add_argument("--dataset", choices=BUNDLED_DATASETS, help="one of scikit-learn's bundled datasets")
    group.add_argument(
        "--model", choices=MODELS, default="linear_regression", help="the model (default linear_regression)"
    )
    group.add_argument("--solver", choices=SOLVERS, default="lbfgs", help="logistic regression's solver (lbfgs)")
    group.add_argument("--activation", choices=ACTIVATIONS, default="tanh", help="the MLP's activation (tanh)")
    group.add_argument("--tree", choices=TREE_KINDS, default="forest", help="a random forest or one tree (forest)")
    group.add_argument("--max-iter", type=int, default=None, help="iteration cap (default: scikit-learn's own)")
    group.add_argument("--pca", type=int, default=0, help="PCA(N) before the model, as scikit-learn's example (0)")


def model_settings(args: argparse.Namespace) -> ModelSettings:
    return ModelSettings(args.model, args.solver, args.activation, args.tree, args.max_iter, args.pca)


def print_comparison(scenario, as_json: bool) -> None:
    """Fit and print; linear regression never comes here (the exact engine answers it)."""
    from explainer.models.fit import compare_models
    from explainer.models.summary import comparison_text, comparison_to_dict

    comparison = compare_models(scenario)
    if as_json:
        print(json.dumps(comparison_to_dict(comparison), ensure_ascii=False))
    else:
        print(comparison_text(comparison))
