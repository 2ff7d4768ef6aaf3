"""What a learner describes: the Scenario, its fields and bounds, the lenient builder, conditioning."""
