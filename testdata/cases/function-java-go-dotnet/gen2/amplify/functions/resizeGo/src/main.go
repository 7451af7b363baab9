package main

import (
	"encoding/json"
	"fmt"
	"os"
)

func main() {
	out, _ := json.Marshal(map[string]string{"env": os.Getenv("ENV")})
	fmt.Println(string(out))
}
