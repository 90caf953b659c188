-- wrk script: POST track-click with the admin token (ID and TOKEN from the environment).
wrk.method = "POST"
wrk.path = "/api/distributions/" .. os.getenv("ID") .. "/track-click"
wrk.headers["Authorization"] = "Bearer " .. os.getenv("TOKEN")
