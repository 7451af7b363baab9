exports.handler = async () => 'remind';
