"""The requests whose code scripts/order-symbols lays out first: start-up's first answer, then what test
suites and the benchmarks call most (organizations, users, memberships, sign-in and refresh, events)."""
import http.client
import json
import sys

port = int(sys.argv[1])
key = {"Authorization": "Bearer sk_test_default", "Content-Type": "application/json"}


def call(method, path, body=None, expect=(200, 201, 202, 204)):
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
    connection.request(method, path, json.dumps(body) if body is not None else None, key)
    response = connection.getresponse()
    data = response.read()
    if response.status not in expect:
        sys.exit(f"{method} {path}: {response.status} {data[:200]!r}")
    return json.loads(data) if data else None


call("GET", "/organizations?limit=1")
organization = call("POST", "/organizations", {"name": "Order", "domain_data": [{"domain": "order.example", "state": "verified"}]})
call("GET", "/organizations?limit=10")
call("GET", f"/organizations/{organization['id']}")
user = call("POST", "/user_management/users",
            {"email": "a@order.example", "password": "correct horse battery", "first_name": "A"})
call("GET", f"/user_management/users/{user['id']}")
call("GET", "/user_management/users?limit=10")
call("PUT", f"/user_management/users/{user['id']}", {"last_name": "B"})
call("POST", "/user_management/organization_memberships", {"user_id": user["id"], "organization_id": organization["id"]})
signed_in = call("POST", "/user_management/authenticate",
                 {"grant_type": "password", "client_id": "client_default", "client_secret": "sk_test_default",
                  "email": "a@order.example", "password": "correct horse battery"})
call("POST", "/user_management/authenticate",
     {"grant_type": "refresh_token", "client_id": "client_default", "client_secret": "sk_test_default",
      "refresh_token": signed_in["refresh_token"]})
call("GET", "/events?events=user.created")
call("GET", "/user_management/users/user_missing", expect=(404,))
call("GET", "/_emulator/health")
call("POST", "/_emulator/reset")
