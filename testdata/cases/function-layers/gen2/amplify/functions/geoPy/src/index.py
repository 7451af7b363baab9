from helpers import distance


def handler(event, context):
    return {'d': distance(event['a'], event['b'])}
