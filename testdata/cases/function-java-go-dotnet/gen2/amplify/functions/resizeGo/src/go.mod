module resize

go 1.21
