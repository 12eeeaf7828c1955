print("ctlint")
