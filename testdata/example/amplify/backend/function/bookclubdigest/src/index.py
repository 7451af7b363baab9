"""Weekly reading digest: who read what last week, mailed to each club."""
import datetime
import json
import os
import smtplib
from email.message import EmailMessage

import boto3
from boto3.dynamodb.conditions import Attr

TABLE = boto3.resource("dynamodb").Table(os.environ["STORAGE_READINGLOG_NAME"])


def smtp_password():
    ssm = boto3.client("ssm")
    res = ssm.get_parameters(Names=[os.environ["SMTP_PASSWORD"]], WithDecryption=True)
    return res["Parameters"][0]["Value"]


def handler(event, context):
    since = (datetime.datetime.utcnow() - datetime.timedelta(days=7)).isoformat()
    items = TABLE.scan(FilterExpression=Attr("readAt").gte(since)).get("Items", [])
    msg = EmailMessage()
    msg["From"] = os.environ["DIGEST_SENDER"]
    msg["To"] = os.environ["DIGEST_SENDER"]
    msg["Subject"] = "Your week in books (%d entries)" % len(items)
    msg.set_content(json.dumps(items, default=str, indent=2))
    with smtplib.SMTP_SSL("email-smtp." + os.environ["REGION"] + ".amazonaws.com") as smtp:
        smtp.login(os.environ["DIGEST_SENDER"], smtp_password())
        smtp.send_message(msg)
    return {"statusCode": 200, "body": json.dumps({"sent": len(items)})}
