exports.handler = async (event) => { console.log(process.env.API_MEALSAPI_PROFILETABLE_NAME); return event; };
