import os


def handler(event, context):
    return {'token_path': os.environ['API_TOKEN'], 'env': os.environ['ENV']}
