#!/usr/bin/env bash
# Replays the Kafka Connect REST workflow of the reference material with curl and jq against a running worker
# (connect-worker, or any Kafka Connect): list plugins, create a connector idempotently with PUT, read its status,
# pause, resume, restart it with its tasks, list its tasks and topics, delete it. Every call checks the HTTP status
# Kafka Connect answers; any other status stops the script with the response body.
#
# Usage: samples/rest/walkthrough.sh
# Environment:
#   CONNECT_URL       the worker's REST URL (default http://localhost:8083)
#   CONNECTOR_NAME    the connector to create and delete (default walkthrough-source)
#   CONNECTOR_CLASS   its connector.class (default: the first source connector GET /connector-plugins lists)
#   CONNECTOR_CONFIG  a JSON object of further settings, e.g. '{"topic": "orders"}' (default {})
#   CONNECT_AUTH      user:password for basic authentication (rest.basic.auth.credentials.file), if enabled
#   WAIT_SECONDS      how long to wait for a state change (default 30)
set -euo pipefail

url="${CONNECT_URL:-http://localhost:8083}"
url="${url%/}"
name="${CONNECTOR_NAME:-walkthrough-source}"
extra_config="${CONNECTOR_CONFIG:-}"
[ -n "$extra_config" ] || extra_config='{}'
wait_seconds="${WAIT_SECONDS:-30}"

for tool in curl jq; do
    command -v "$tool" >/dev/null 2>&1 || { echo "walkthrough: $tool is required (apt-get install $tool)" >&2; exit 2; }
done

curl_auth=()
if [ -n "${CONNECT_AUTH:-}" ]; then
    curl_auth=(--user "$CONNECT_AUTH")
fi

body_file="$(mktemp)"
trap 'rm -f "$body_file"' EXIT

step() { printf '\n== %s\n' "$*"; }

# call METHOD PATH EXPECTED_STATUS [JSON_BODY]: prints the body; stops unless the status is the expected one.
call() {
    local method="$1" path="$2" expected="$3" data="${4:-}" status
    local args=(-sS -o "$body_file" -w '%{http_code}' -X "$method" "${curl_auth[@]}" -H 'Accept: application/json')
    if [ -n "$data" ]; then
        args+=(-H 'Content-Type: application/json' --data "$data")
    fi
    status="$(curl "${args[@]}" "$url$path")"
    echo "$method $path -> $status"
    if [ "$status" != "$expected" ]; then
        echo "walkthrough: expected HTTP $expected from $method $path, got $status: $(cat "$body_file")" >&2
        exit 1
    fi
}

body() { cat "$body_file"; }

# wait_for_state STATE: polls the status until the connector and its first task are in STATE.
wait_for_state() {
    local want="$1" deadline=$((SECONDS + wait_seconds)) states
    while true; do
        call GET "/connectors/$name/status" 200
        states="$(body | jq -r '[.connector.state, (.tasks[0].state // "no task")] | join(" ")')"
        echo "connector and task 0: $states"
        if [ "$states" = "$want $want" ]; then
            return 0
        fi
        if [ "$SECONDS" -ge "$deadline" ]; then
            echo "walkthrough: $name did not reach $want within $wait_seconds s; status: $(body)" >&2
            body | jq -r '.tasks[0].trace // empty' >&2
            exit 1
        fi
        sleep 0.5
    done
}

step "Worker information"
call GET / 200
body | jq .

step "Installed connector plugins"
call GET /connector-plugins 200
body | jq -r '.[] | "\(.type)\t\(.class)\t\(.version // "")"'
class="${CONNECTOR_CLASS:-$(body | jq -r '[.[] | select(.type == "source")][0].class // empty')}"
if [ -z "$class" ]; then
    echo "walkthrough: no source connector plugin is installed; set CONNECTOR_CLASS" >&2
    exit 1
fi

config="$(jq -cn --arg class "$class" --argjson extra "$extra_config" '{"connector.class": $class, "tasks.max": "1"} + $extra')"

step "Create $name idempotently with PUT (201 when created)"
call PUT "/connectors/$name/config" 201 "$config"
body | jq .

step "PUT the same configuration again (200: updated in place)"
call PUT "/connectors/$name/config" 200 "$config"

step "List connectors and read the configuration"
call GET /connectors 200
body | jq -e --arg name "$name" 'index($name) != null' >/dev/null
body | jq -c .
call GET "/connectors/$name/config" 200
body | jq .

step "Status"
wait_for_state RUNNING
body | jq .

step "Pause"
call PUT "/connectors/$name/pause" 202
wait_for_state PAUSED

step "Resume"
call PUT "/connectors/$name/resume" 202
wait_for_state RUNNING

step "Restart the connector and its tasks"
call POST "/connectors/$name/restart?includeTasks=true&onlyFailed=false" 202
body | jq '{connector: .connector.state, tasks: [.tasks[].state]}'
wait_for_state RUNNING

step "Tasks"
call GET "/connectors/$name/tasks" 200
body | jq -r '.[] | "task \(.id.task) of \(.id.connector)"'
call GET "/connectors/$name/tasks/0/status" 200
body | jq -r '.trace // "task 0 is \(.state): no trace"'

step "Topics the connector uses"
call GET "/connectors/$name/topics" 200
body | jq -c .

step "Delete"
call DELETE "/connectors/$name" 204
call GET "/connectors/$name" 404
body | jq -r .message

printf '\nwalkthrough: all steps answered as Kafka Connect does\n'
