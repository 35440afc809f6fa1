// Usage: node signin.js <endpoint> <poolId> <clientId> <email> <password>
const { CognitoUserPool, CognitoUser, AuthenticationDetails } = require('amazon-cognito-identity-js');
const [endpoint, UserPoolId, ClientId, Username, Password] = process.argv.slice(2);
const pool = new CognitoUserPool({ UserPoolId, ClientId, endpoint });
const user = new CognitoUser({ Username, Pool: pool });
user.authenticateUser(new AuthenticationDetails({ Username, Password }), {
  onSuccess: (session) => { console.log(JSON.stringify({ ok: true, sub: session.getIdToken().payload.sub })); },
  onFailure: (error) => { console.log(JSON.stringify({ ok: false, code: error.code || error.name })); },
  newPasswordRequired: () => { console.log(JSON.stringify({ ok: false, code: 'NEW_PASSWORD_REQUIRED' })); },
});
