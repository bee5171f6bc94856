"""`kg serve`: the analyst's web app and a SPARQL 1.1 Protocol endpoint (the only package importing Starlette).

app.py builds the routes over kg.services; protocol.py reads SPARQL Protocol requests and picks the
result format; views.py shapes records for the templates; server.py runs it with uvicorn.
"""
