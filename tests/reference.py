"""Independent references: the plain loops a learner would write, step by step, from the data."""

from __future__ import annotations

import numpy as np


def design(features: np.ndarray) -> np.ndarray:
    return np.column_stack([features, np.ones(len(features))])


def loss(design_matrix: np.ndarray, target: np.ndarray, parameters: np.ndarray, mean: bool = True) -> float:
    residuals = design_matrix @ parameters - target
    total = float(residuals @ residuals)
    return total / len(target) if mean else total


def gradient(design_matrix: np.ndarray, target: np.ndarray, parameters: np.ndarray, mean: bool = True) -> np.ndarray:
    residuals = design_matrix @ parameters - target
    return 2 * design_matrix.T @ residuals / (len(target) if mean else 1)


def gradient_descent_loop(design_matrix, target, learning_rate, steps, mean=True):
    """Parameters after each step, starting at zeros: the textbook loop."""
    parameters = np.zeros(design_matrix.shape[1])
    history = [parameters.copy()]
    for _ in range(steps):
        parameters = parameters - learning_rate * gradient(design_matrix, target, parameters, mean)
        history.append(parameters.copy())
    return np.array(history)


def momentum_loop(design_matrix, target, learning_rate, momentum, steps):
    """PyTorch's SGD with momentum (dampening 0): buffer = β·buffer + g; θ -= η·buffer."""
    parameters = np.zeros(design_matrix.shape[1])
    buffer = np.zeros_like(parameters)
    history = [parameters.copy()]
    for _ in range(steps):
        buffer = momentum * buffer + gradient(design_matrix, target, parameters)
        parameters = parameters - learning_rate * buffer
        history.append(parameters.copy())
    return np.array(history)


def adam_loop(design_matrix, target, learning_rate, steps, beta1=0.9, beta2=0.999, epsilon=1e-8):
    parameters = np.zeros(design_matrix.shape[1])
    first, second = np.zeros_like(parameters), np.zeros_like(parameters)
    history = [parameters.copy()]
    for step in range(1, steps + 1):
        g = gradient(design_matrix, target, parameters)
        first = beta1 * first + (1 - beta1) * g
        second = beta2 * second + (1 - beta2) * g * g
        parameters = parameters - learning_rate * (first / (1 - beta1**step)) / (
            np.sqrt(second / (1 - beta2**step)) + epsilon
        )
        history.append(parameters.copy())
    return np.array(history)
