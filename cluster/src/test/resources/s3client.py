"""FlinkS3Test's independent S3 client (boto3): what the test puts in the bucket and reads back does not go through
the Flink file system under test.

usage: s3client.py ENDPOINT mb BUCKET | put-all DIR BUCKET PREFIX | get-all BUCKET PREFIX DIR
(get-all prints the keys it found, sorted; one process for each, as Python and boto3 take a second to start)
"""
import os
import sys

import boto3

endpoint, command, *args = sys.argv[1:]
s3 = boto3.client("s3", endpoint_url=endpoint, region_name="us-east-1",
                  aws_access_key_id="conch", aws_secret_access_key="conch-secret")
if command == "mb":
    s3.create_bucket(Bucket=args[0])
elif command == "put-all":
    folder, bucket, prefix = args
    for name in sorted(os.listdir(folder)):
        s3.upload_file(os.path.join(folder, name), bucket, prefix + name)
elif command == "get-all":
    bucket, prefix, folder = args
    keys = [o["Key"] for page in s3.get_paginator("list_objects_v2").paginate(Bucket=bucket, Prefix=prefix)
            for o in page.get("Contents", [])]
    for key in sorted(keys):
        s3.download_file(bucket, key, os.path.join(folder, key[len(prefix):]))
        print(key)
else:
    sys.exit("unknown command " + command)
