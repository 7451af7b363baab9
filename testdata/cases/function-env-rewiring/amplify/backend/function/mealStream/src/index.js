exports.handler = async (event) => { console.log(event.Records.length); };
