/**
 * @type {import('@types/aws-lambda').PreSignUpTriggerHandler}
 */
exports.handler = async (event) => {
  event.response.autoConfirmUser = false;
  return event;
};
