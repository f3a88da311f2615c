print("about to exit")
raise SystemExit(3)
