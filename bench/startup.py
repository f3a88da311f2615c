# Start-up: the time to run an empty program (gilpy -c pass vs python3 -c pass).
pass
