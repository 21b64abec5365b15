"""Cross-checks Connect.Sdk.Avro's codec against the Apache Avro reference implementation for Python.

Run with an interpreter that can `import avro` (Debian's python3-avro is seen only by /usr/bin/python3).
Reads one JSON request from stdin and prints one JSON answer:

  {"mode": "decode", "cases": [{"writer": <schema json text>, "reader": <optional schema json text>, "hex": "..."}]}
      -> {"results": [{"value": <tagged json>} | {"error": "..."}]}
  {"mode": "encode", "cases": [{"schema": <schema json text>, "value": <tagged json>}]}
      -> {"results": [{"hex": "..."} | {"error": "..."}]}
  {"mode": "canonical", "cases": [{"schema": <schema json text>}]}
      -> {"results": [{"canonical": "..."}]}
  {"mode": "version"} -> {"version": "1.11.1"}

Values that JSON cannot carry are tagged objects: {"$bytes": hex}, {"$decimal": "12.34"}, {"$date": "2024-02-29"},
{"$time_millis": int}, {"$time_micros": int}, {"$timestamp_millis": int}, {"$timestamp_micros": int},
{"$float": "nan" | "inf" | "-inf"}.
"""

import datetime
import decimal
import io
import json
import math
import sys
import uuid

import avro
import avro.io
import avro.schema
import avro.timezones

EPOCH = datetime.datetime(1970, 1, 1, tzinfo=avro.timezones.utc)
EPOCH_DATE = datetime.date(1970, 1, 1)


def to_json(value):
    if value is None or isinstance(value, (bool, str, int)):
        return value
    if isinstance(value, float):
        if math.isnan(value):
            return {"$float": "nan"}
        if math.isinf(value):
            return {"$float": "inf" if value > 0 else "-inf"}
        return value
    if isinstance(value, (bytes, bytearray)):
        return {"$bytes": bytes(value).hex()}
    if isinstance(value, decimal.Decimal):
        return {"$decimal": str(value)}
    if isinstance(value, datetime.datetime):
        delta = value - EPOCH
        return {"$timestamp_micros": (delta.days * 86400 + delta.seconds) * 1000000 + delta.microseconds}
    if isinstance(value, datetime.date):
        return {"$date": value.isoformat()}
    if isinstance(value, datetime.time):
        micros = ((value.hour * 60 + value.minute) * 60 + value.second) * 1000000 + value.microsecond
        return {"$time_micros": micros}
    if isinstance(value, uuid.UUID):
        return str(value)
    if isinstance(value, dict):
        return {key: to_json(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [to_json(item) for item in value]
    raise TypeError("cannot represent %r" % (value,))


def from_json(value):
    if isinstance(value, list):
        return [from_json(item) for item in value]
    if not isinstance(value, dict):
        return value
    if len(value) == 1:
        (tag, payload), = value.items()
        if tag == "$bytes":
            return bytes.fromhex(payload)
        if tag == "$decimal":
            return decimal.Decimal(payload)
        if tag == "$date":
            return datetime.date.fromisoformat(payload)
        if tag in ("$time_millis", "$time_micros"):
            micros = payload * 1000 if tag == "$time_millis" else payload
            seconds, micros = divmod(micros, 1000000)
            minutes, seconds = divmod(seconds, 60)
            hours, minutes = divmod(minutes, 60)
            return datetime.time(hours, minutes, seconds, micros)
        if tag in ("$timestamp_millis", "$timestamp_micros"):
            micros = payload * 1000 if tag == "$timestamp_millis" else payload
            return EPOCH + datetime.timedelta(microseconds=micros)
        if tag == "$float":
            return float(payload)
    return {key: from_json(item) for key, item in value.items()}


def decode(case):
    writer = avro.schema.parse(case["writer"])
    reader = avro.schema.parse(case["reader"]) if case.get("reader") else writer
    decoder = avro.io.BinaryDecoder(io.BytesIO(bytes.fromhex(case["hex"])))
    return {"value": to_json(avro.io.DatumReader(writer, reader).read(decoder))}


def encode(case):
    schema = avro.schema.parse(case["schema"])
    output = io.BytesIO()
    avro.io.DatumWriter(schema).write(from_json(case["value"]), avro.io.BinaryEncoder(output))
    return {"hex": output.getvalue().hex()}


def canonical(case):
    return {"canonical": avro.schema.parse(case["schema"]).canonical_form}


def main():
    request = json.load(sys.stdin)
    mode = request["mode"]
    if mode == "version":
        print(json.dumps({"version": getattr(avro, "__version__", "unknown")}))
        return
    handler = {"decode": decode, "encode": encode, "canonical": canonical}[mode]
    results = []
    for case in request["cases"]:
        try:
            results.append(handler(case))
        except Exception as error:  # reported per case so one failure does not hide the others
            results.append({"error": "%s: %s" % (type(error).__name__, error)})
    print(json.dumps({"results": results}))


if __name__ == "__main__":
    main()
