// Verbatim examples from shared/atlassian-api.md §5 (the documented wire format). Contract tests parse them
// with the wire schemas and compare the simulator's answers with their shape.

/** §5.1: GET /admin/v1/orgs/{orgId}/events-stream?from=1767225600000&limit=2 */
export const EVENTS_STREAM_EXAMPLE = {
  "data": [
    {
      "id": "5f8e2a10-1b2c-4d3e-9f40-a1b2c3d4e5f6",
      "type": "events",
      "attributes": {
        "time": "2026-01-05T08:14:22.481Z",
        "processedAt": "2026-01-05T08:14:23.902Z",
        "action": "user_login",
        "actor": {
          "id": "5b10ac8d82e05b22cc7d4ef5",
          "name": "Ada Lovelace",
          "email": "ada@acme.com",
          "links": {
            "self": "https://api.atlassian.com/users/5b10ac8d82e05b22cc7d4ef5/manage/profile"
          }
        },
        "context": [
          {
            "id": "5b10ac8d82e05b22cc7d4ef5",
            "type": "users",
            "attributes": {
              "accountType": "atlassian",
              "email": "ada@acme.com",
              "name": "Ada Lovelace"
            },
            "links": {
              "self": "https://api.atlassian.com/users/5b10ac8d82e05b22cc7d4ef5/manage/profile"
            }
          }
        ],
        "container": [
          {
            "id": "3a1c7e2b-6c1e-4b9d-9d0f-2f6e1a7b8c90",
            "type": "orgs",
            "attributes": {
              "name": "Acme"
            },
            "links": {
              "self": "https://api.atlassian.com/admin/v1/orgs/3a1c7e2b-6c1e-4b9d-9d0f-2f6e1a7b8c90"
            }
          }
        ],
        "location": {
          "ip": "203.0.113.24",
          "geo": "51.5072,-0.1276",
          "countryName": "United Kingdom",
          "regionName": "England",
          "city": "London"
        }
      },
      "links": {
        "self": "https://api.atlassian.com/admin/v1/orgs/3a1c7e2b-6c1e-4b9d-9d0f-2f6e1a7b8c90/events/5f8e2a10-1b2c-4d3e-9f40-a1b2c3d4e5f6"
      },
      "message": {
        "content": "Logged in to account",
        "format": "simple"
      }
    },
    {
      "id": "9c0d1e2f-3a4b-4c5d-8e6f-7a8b9c0d1e2f",
      "type": "events",
      "attributes": {
        "time": "2026-01-05T08:31:02.117Z",
        "processedAt": "2026-01-05T08:31:03.005Z",
        "action": "user_logged_in_as_user",
        "actor": {
          "id": "712020:0c6f2b1a-9d3e-4f5a-8b7c-1d2e3f4a5b6c",
          "name": "Org Admin",
          "email": "admin@acme.com",
          "links": {
            "self": "https://api.atlassian.com/users/712020:0c6f2b1a-9d3e-4f5a-8b7c-1d2e3f4a5b6c/manage/profile"
          }
        },
        "context": [
          {
            "type": "users",
            "attributes": {
              "accountType": "atlassian",
              "email": "bob@acme.com",
              "name": "bob@acme.com"
            }
          }
        ],
        "container": [
          {
            "id": "12345678-abcd-9012-efgh-1234567890ab",
            "type": "sites",
            "attributes": {
              "siteHostName": "https://acme.atlassian.net",
              "siteName": "acme"
            },
            "links": {
              "alt": "https://acme.atlassian.net"
            }
          }
        ],
        "location": {
          "ip": "198.51.100.7",
          "geo": "-33.8688,151.2093",
          "countryName": "Australia",
          "regionName": "New South Wales",
          "city": "Sydney"
        }
      },
      "links": {
        "self": "https://api.atlassian.com/admin/v1/orgs/3a1c7e2b-6c1e-4b9d-9d0f-2f6e1a7b8c90/events/9c0d1e2f-3a4b-4c5d-8e6f-7a8b9c0d1e2f"
      },
      "message": {
        "content": "Logged in as bob@acme.com",
        "format": "simple"
      }
    }
  ],
  "meta": {
    "next": "eyJwIjoiMjAyNi0wMS0wNVQwODozMTowMy4wMDVaIiwiaWQiOiI5YzBkIn0",
    "page_size": 2
  },
  "links": {
    "self": "https://api.atlassian.com/admin/v1/orgs/3a1c7e2b-6c1e-4b9d-9d0f-2f6e1a7b8c90/events-stream?from=1767225600000&limit=2",
    "next": "https://api.atlassian.com/admin/v1/orgs/3a1c7e2b-6c1e-4b9d-9d0f-2f6e1a7b8c90/events-stream?cursor=eyJwIjoiMjAyNi0wMS0wNVQwODozMTowMy4wMDVaIiwiaWQiOiI5YzBkIn0"
  }
};

/** §5.2: GET /admin/v1/orgs/{orgId}/users (v1 managed accounts) */
export const MANAGED_USERS_EXAMPLE = {
  "data": [
    {
      "account_id": "5b10ac8d82e05b22cc7d4ef5",
      "account_type": "atlassian",
      "account_status": "active",
      "name": "Ada Lovelace",
      "picture": "https://avatar-management.services.atlassian.com/default/48",
      "email": "ada@acme.com",
      "access_billable": true,
      "last_active": "2026-01-05T08:14:22.481Z",
      "product_access": [
        {
          "key": "jira-software",
          "name": "Jira",
          "url": "https://acme.atlassian.net",
          "last_active": "2026-01-05T08:15:00.000Z"
        },
        {
          "key": "confluence",
          "name": "Confluence",
          "url": "https://acme.atlassian.net/wiki",
          "last_active": "2026-01-04T17:02:11.000Z"
        }
      ],
      "links": {
        "self": "https://api.atlassian.com/users/5b10ac8d82e05b22cc7d4ef5/manage/profile"
      }
    }
  ],
  "meta": {
    "total": 137
  },
  "links": {
    "self": "https://api.atlassian.com/admin/v1/orgs/3a1c7e2b-6c1e-4b9d-9d0f-2f6e1a7b8c90/users",
    "next": "https://api.atlassian.com/admin/v1/orgs/3a1c7e2b-6c1e-4b9d-9d0f-2f6e1a7b8c90/users?cursor=Y3Vyc29yOjUw"
  }
};

/** §5.2: one item of GET /admin/v2/orgs/{orgId}/directories/-/users */
export const DIRECTORY_USER_EXAMPLE = {
  "accountId": "5b10...",
  "accountType": "atlassian",
  "status": "active",
  "accountStatus": "active",
  "membershipStatus": "active",
  "addedToOrg": "2024-01-01T00:00:00.000Z",
  "name": "Ada Lovelace",
  "nickname": "ada",
  "email": "ada@acme.com",
  "emailVerified": true,
  "claimStatus": "managed",
  "platformRoles": [
    "atlassian/org-admin"
  ],
  "picture": "...",
  "avatar": "...",
  "counts": {
    "resources": 3
  },
  "links": {
    "self": "<opaque>"
  }
};
