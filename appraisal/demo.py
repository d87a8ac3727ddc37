def seed_appraisal(stdout=None):
    return None
