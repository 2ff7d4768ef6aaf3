"""One reply per topic, grouped in small families; each module holds its prose and the computations it cites.

- speed.py: why normalizing speeds up gradient descent (κ, the ravine, the learning rate, the gradient).
- blowup.py: the cost exploding, on the blog post's own experiment.
- scalers.py: which scaler, skewed features, correlation, when not to scale, leakage, the target.
- models.py: trees, distance-based models, penalties, the weights in original units.
- networks.py: batch norm, initialization, vanishing gradients, adaptive optimizers.
"""

from __future__ import annotations

from collections.abc import Callable

from explainer.chat.replies import blowup, models, networks, scalers, speed
from explainer.chat.wording import Context, Reply

REPLIES: dict[str, Callable[[Context], Reply]] = {
    "why_normalize": speed.why_normalize,
    "speed_per_iteration": speed.speed_per_iteration,
    "ravine_contours": speed.ravine_contours,
    "learning_rate": speed.learning_rate,
    "gradient_scale": speed.gradient_scale,
    "mean_std": speed.mean_std,
    "condition_number": speed.condition_number,
    "cost_blowup": blowup.cost_blowup,
    "method_choice": scalers.method_choice,
    "skewed_log": scalers.skewed_log,
    "correlated_whitening": scalers.correlated_whitening,
    "not_needed": scalers.not_needed,
    "data_leakage": scalers.data_leakage,
    "target_scaling": scalers.target_scaling,
    "tree_models": models.tree_models,
    "distance_models": models.distance_models,
    "regularization": models.regularization,
    "interpret_weights": models.interpret_weights,
    "batch_norm": networks.batch_norm,
    "weight_init": networks.weight_init,
    "adaptive_optimizers": networks.adaptive_optimizers,
    "vanishing_exploding": networks.vanishing_exploding,
}
