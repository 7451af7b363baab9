import json
import os

import boto3
import requests

ssm = boto3.client('ssm')


def handler(event, context):
    token = ssm.get_parameter(Name=os.environ['SCANNER_TOKEN'], WithDecryption=True)['Parameter']['Value']
    directory = os.environ['BARCODE_DIRECTORY']
    r = requests.get('https://scanner.example.com/status', headers={'Authorization': token})
    return {'statusCode': 200, 'body': json.dumps({'directory': directory, 'status': r.status_code})}
