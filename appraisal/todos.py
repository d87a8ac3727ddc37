def appraisal_todos(user):
    return []
