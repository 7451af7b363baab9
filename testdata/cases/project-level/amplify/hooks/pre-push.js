const fs = require('fs');
console.log('checking the schema before push');
