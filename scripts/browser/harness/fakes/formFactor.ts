/** Test double of `@salesforce/client/formFactor`: Large unless the page URL asks for ?formFactor=Small|Medium. */
const requested = new URLSearchParams(window.location.search).get("formFactor");
const formFactor =
  requested === "Small" || requested === "Medium" ? requested : "Large";
export default formFactor;
