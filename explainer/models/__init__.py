"""scikit-learn's own estimators fitted raw against normalized, with their theory and words."""
